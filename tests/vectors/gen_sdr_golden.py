#!/usr/bin/env python3
"""Generate tests/vectors/sdr_golden.hex and sdr_diff.hex: SDRs built byte by byte from the
IPMI 2.0 section 43 tables, independently of lib/sdr.c.

sdr_golden.hex  records on which `ipmikit sdr decode` must print exactly what ipmitool
                prints when it reads them from ipmi_sim (tests/integration/sdr_oracle.sh),
                plus the record types ipmitool does not print (filtered out there).
sdr_diff.hex    records where ipmikit deliberately differs from ipmitool (docs/sdr.md).

Run from the repository root: python3 tests/vectors/gen_sdr_golden.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def le16(v):
    return [v & 0xFF, (v >> 8) & 0xFF]


def id8(s):
    b = list(s.encode("latin-1"))
    assert len(b) <= 16
    return [0xC0 | len(b)] + b


def id6(s):
    """6-bit packed ASCII: characters 20h-5Fh, packed LS bit first, 4 in 3 bytes."""
    bits = 0
    for i, ch in enumerate(s):
        bits |= (ord(ch) - 0x20) << (6 * i)
    n = (6 * len(s) + 7) // 8
    return [0x80 | n] + [(bits >> (8 * i)) & 0xFF for i in range(n)]


def record(rid, rtype, body):
    assert len(body) <= 255
    return le16(rid) + [0x51, rtype, len(body)] + body


def tc(v, bits):
    """v as a bits-wide 2's complement field."""
    assert -(1 << (bits - 1)) <= v < (1 << (bits - 1)), (v, bits)
    return v & ((1 << bits) - 1)


def sensor_common(num, entity=(7, 1), logical=0, init=0x7F, caps=0x68, stype=0x01, etype=0x01,
                  amask=0x7A95, dmask=0x7A95, rmask=0x3F3F, fmt=0, rate=0, modrel=0, pct=0,
                  base=1, mod=0, owner=0x20, lun=0, channel=0):
    return [owner, channel << 4 | lun, num, entity[0], logical << 7 | entity[1], init, caps,
            stype, etype] + le16(amask) + le16(dmask) + le16(rmask) + [
        fmt << 6 | rate << 3 | modrel << 1 | pct, base, mod]


def full(num, name, lin=0, m=1, b=0, k1=0, k2=0, tol=0, acc=0, accexp=0, direction=0,
         flags=0x07, nominal=100, nmax=150, nmin=50, smax=0xFF, smin=0x00,
         thr=(240, 220, 200, 10, 20, 30), hyst=(2, 2), oem=0, idbytes=None, **kw):
    mm, bb = tc(m, 10), tc(b, 10)
    body = sensor_common(num, **kw) + [
        lin,
        mm & 0xFF, (mm >> 8) << 6 | tol,
        bb & 0xFF, (bb >> 8) << 6 | (acc & 0x3F),
        (acc >> 6) << 4 | accexp << 2 | direction,
        tc(k2, 4) << 4 | tc(k1, 4),
        flags, nominal, nmax, nmin, smax, smin] + list(thr) + list(hyst) + [0, 0, oem]
    body += idbytes if idbytes is not None else id8(name)
    return body


def compact(num, name, count=0, modtype=0, offset=0, entshare=0, direction=0, hyst=(0, 0),
            oem=0, idbytes=None, **kw):
    body = sensor_common(num, **kw) + [direction << 6 | modtype << 4 | count,
                                       entshare << 7 | offset] + list(hyst) + [0, 0, 0, oem]
    return body + (idbytes if idbytes is not None else id8(name))


def event_only(num, name, entity=(7, 1), stype=0x12, etype=0x6F, count=0, modtype=0, offset=0,
               entshare=0, owner=0x20, lun=0, frulun=0, channel=0, oem=0):
    return [owner, channel << 4 | frulun << 2 | lun, num, entity[0], entity[1], stype, etype,
            modtype << 4 | count, entshare << 7 | offset, 0, oem] + id8(name)


def fru_loc(name, access=0x20, devid=0, logical=1, lun=0, bus=0, channel=0, dtype=0x10, dmod=0,
            entity=(7, 1), oem=0):
    return [access, devid, logical << 7 | lun << 3 | bus, channel << 4, 0, dtype, dmod,
            entity[0], entity[1], oem] + id8(name)


def mc_loc(name, addr=0x20, channel=0, flags=0x00, caps=0xBF, entity=(6, 1), oem=0):
    return [addr, channel, flags, caps, 0, 0, 0, entity[0], entity[1], oem] + id8(name)


def generic_loc(name, access=0x20, slave=0xA0, channel=0, lun=0, bus=0, span=0, dtype=0x10,
                dmod=0, entity=(7, 1), oem=0):
    return [access, slave | (channel >> 3), (channel & 7) << 5 | lun << 3 | bus, span, 0, dtype,
            dmod, entity[0], entity[1], oem] + id8(name)


# Per-linearization factors chosen so every raw byte converts to a finite value.
LIN = [
    # lin, M, B, K1, K2
    (0x00, 2, -5, 1, -1),     # linear: (2x - 50) / 10
    (0x01, 3, 5, 2, -2),      # ln((3x + 500) / 100)
    (0x02, 7, 1, 3, 0),       # log10(7x + 1000)
    (0x03, 1, 3, 2, -1),      # log2((x + 300) / 10)
    (0x04, 1, 0, 0, -2),      # e^(x / 100)
    (0x05, 1, 0, 0, -2),      # 10^(x / 100)
    (0x06, 5, 0, 0, -1),      # 2^(x / 2)
    (0x07, 1, 2, 2, -2),      # 1 / ((x + 200) / 100)
    (0x08, -3, 2, 0, -1),     # ((-3x + 2) / 10)^2
    (0x09, 1, -1, 1, -1),     # ((x - 10) / 10)^3
    (0x0A, 4, 6, 2, -2),      # sqrt((4x + 600) / 100)
    (0x0B, -9, 0, 0, 0),      # cbrt(-9x)
    (0x70, 10, 0, 0, -1),     # non-linear: ipmitool shows the SDR factors as linear
]

FMT_THR = {
    0: dict(thr=(240, 220, 200, 10, 20, 30), nominal=100, nmax=150, nmin=50, smax=0xFA, smin=0x05),
    1: dict(thr=(0x70, 0x40, 0x10, 0x90, 0xC0, 0xF0), nominal=0xFF, nmax=0x20, nmin=0xE0,
            smax=0x7E, smin=0x81),
    2: dict(thr=(0x70, 0x40, 0x10, 0x90, 0xC0, 0xF0), nominal=0x00, nmax=0x20, nmin=0xE0,
            smax=0x7E, smin=0x81),
}


def golden():
    recs = []  # (comment, bytes)
    rid = 1

    def add(comment, rtype, body):
        nonlocal rid
        recs.append((comment, record(rid, rtype, body)))
        rid += 1

    # Every analog data format x every linearization (and non-linear 70h).
    num = 0x01
    for fmt in (0, 1, 2):
        for lin, m, b, k1, k2 in LIN:
            name = "F%d L%02X" % (fmt, lin)
            add("full threshold, format %d, linearization %02Xh, M=%d B=%d K1=%d K2=%d"
                % (fmt, lin, m, b, k1, k2), 0x01,
                full(num, name, lin=lin, m=m, b=b, k1=k1, k2=k2, fmt=fmt, tol=3, acc=25,
                     accexp=1, hyst=(3, 5), **FMT_THR[fmt]))
            num += 1
    # Format 3: no analog reading, thresholds shown as raw hex.
    for lin in (0x00, 0x02):
        add("full threshold, format 3 (no analog reading), linearization %02Xh" % lin, 0x01,
            full(num, "NoAnalog L%02X" % lin, lin=lin, fmt=3, hyst=(4, 0)))
        num += 1

    # Factor extremes.
    add("full, M=-512 B=511 K1=-8 K2=7", 0x01,
        full(num, "Extreme 1", m=-512, b=511, k1=-8, k2=7)); num += 1
    add("full, M=511 B=-512 K1=7 K2=-8", 0x01,
        full(num, "Extreme 2", m=511, b=-512, k1=7, k2=-8)); num += 1
    add("full, M=0 (every value converts to B)", 0x01,
        full(num, "Zero M", m=0, b=25, hyst=(1, 1))); num += 1
    add("full, 2's complement with negative M", 0x01,
        full(num, "Neg M", m=-1, fmt=2, **FMT_THR[2])); num += 1
    add("full, tolerance 63, accuracy 1023, exp 3, direction output", 0x01,
        full(num, "Acc Max", tol=63, acc=1023, accexp=3, direction=2)); num += 1

    # Sensor fields that change what -v prints.
    add("full, thresholds not initialized: no threshold lines", 0x01,
        full(num, "No Init Thr", init=0x6F)); num += 1
    add("full, threshold access none", 0x01,
        full(num, "Thr None", caps=0x40)); num += 1
    add("full, threshold access readable, subset lnc ucr readable, unc settable", 0x01,
        full(num, "Thr Read", caps=0x44, rmask=0x0811)); num += 1
    add("full, threshold access fixed", 0x01,
        full(num, "Thr Fixed", caps=0x4C)); num += 1
    add("full, event message control entire sensor, no threshold read mask", 0x01,
        full(num, "Evt Entire", caps=0x69, amask=0x0095, dmask=0x0A00)); num += 1
    add("full, event message control global disable", 0x01,
        full(num, "Evt Global", caps=0x6A)); num += 1
    add("full, event message control none", 0x01,
        full(num, "Evt None", caps=0x6B)); num += 1
    add("full, only nominal reading specified", 0x01,
        full(num, "Nominal Only", flags=0x01)); num += 1
    add("full, no analog characteristics, hysteresis unspecified (00h/FFh)", 0x01,
        full(num, "No Analog Flags", flags=0x00, hyst=(0x00, 0xFF))); num += 1
    add("full, sensor range converts to 0.0 (Unspecified)", 0x01,
        full(num, "Zero Range", b=-5, k1=0, smin=5, smax=5)); num += 1
    add("full, 16-character ID string", 0x01,
        full(num, "ABCDEFGHIJKLMNOP")); num += 1
    add("full, empty ID string", 0x01, full(num, "")); num += 1
    add("full, logical entity, unknown entity 90h instance 127, LUN 3 channel 5", 0x01,
        full(num, "Odd Entity", entity=(0x90, 127), logical=1, lun=3, channel=5)); num += 1
    add("full, percentage, modifier units multiply, RPM*Volts, per-second rate", 0x01,
        full(num, "Units Mul", pct=1, modrel=2, base=18, mod=4, rate=3)); num += 1
    add("full, voltage sensor, M=2 K2=-2 (0.02 V steps)", 0x01,
        full(num, "12V", stype=0x02, base=4, m=2, k2=-2, thr=(0xFF, 0xF5, 0xF0, 0x00, 0x0A, 0x10),
             nominal=150, nmax=160, nmin=140)); num += 1
    add("full discrete sensor (event type 6Fh), OEM byte 5Ah", 0x01,
        full(num, "Full Discrete", stype=0x07, etype=0x6F, amask=0x0003, dmask=0x0003,
             rmask=0x0003, fmt=3, oem=0x5A)); num += 1
    add("full, sensor number FFh, system-software owner 41h", 0x01,
        full(0xFF, "Sw Owner", owner=0x41)); num += 1

    # Compact sensors.
    add("compact threshold, hysteresis raw 03h/04h", 0x02,
        compact(0x80, "Compact Thr", hyst=(3, 4), fmt=3)); num += 1
    add("compact discrete, share count 3, numeric modifier offset 5", 0x02,
        compact(0x81, "Temp", count=3, modtype=0, offset=5, stype=0x07, etype=0x6F,
                amask=0x0001, dmask=0, rmask=0x0001, fmt=0, base=0)); num += 1
    add("compact discrete, share count 4, alpha modifier offset 24, entity sharing", 0x02,
        compact(0x84, "Disk", count=4, modtype=1, offset=24, entshare=1, stype=0x0D,
                etype=0x6F, entity=(4, 1), amask=0x0003, dmask=0, rmask=0x0003,
                fmt=0, base=0, oem=0x11)); num += 1
    add("compact generic discrete (event type 03h), event control none", 0x02,
        compact(0x88, "Presence", stype=0x25, etype=0x03, caps=0x43, amask=0x0003,
                dmask=0x0003, rmask=0x0003, fmt=0, base=0)); num += 1

    # Event-only.
    add("event-only, system event", 0x03, event_only(0x90, "Event Log"))
    add("event-only, share count 2, FRU LUN 2, channel 1", 0x03,
        event_only(0x91, "Evt Shared", count=2, offset=1, frulun=2, channel=1, stype=0x10))

    # Locators ipmitool prints.
    add("FRU locator, logical FRU device 0", 0x11, fru_loc("Board FRU"))
    add("FRU locator, physical at A2h, LUN 1 bus 2 channel 3, DIMM memory ID", 0x11,
        fru_loc("DIMM SPD", devid=0xA2, logical=0, lun=1, bus=2, channel=3, dmod=1,
                entity=(0x20, 2), oem=7))
    add("MC locator, dynamic, all capabilities", 0x12, mc_loc("BMC"))
    add("MC locator at 82h, static, ACPI notifications, logs errors, events disabled", 0x12,
        mc_loc("Satellite MC", addr=0x82, channel=7, flags=0xE9, caps=0x21, entity=(0x0B, 3)))
    add("MC locator, do not initialize", 0x12, mc_loc("Other MC", addr=0x84, flags=0x02))
    add("MC locator, event message generation reserved", 0x12,
        mc_loc("Rsvd MC", addr=0x86, flags=0x03))
    add("generic locator, FRU inventory type, LUN 2 bus 1, OEM 3", 0x10,
        generic_loc("EEPROM", lun=2, bus=1, oem=3))

    # Types ipmitool does not print (the oracle filters these out of ipmikit's output).
    add("entity association, list of 3", 0x08,
        [0x17, 0x01, 0x20, 0x03, 0x01, 0x03, 0x02, 0x0A, 0x01, 0x00, 0x00])
    add("entity association, ranges, linked", 0x08,
        [0x17, 0x02, 0xC0, 0x1D, 0x01, 0x1D, 0x04, 0x0A, 0x01, 0x0A, 0x02])
    add("device-relative entity association", 0x09,
        [0x17, 0x01, 0x20, 0x00, 0x00, 0x82, 0x10, 0x03, 0x01, 0x84, 0x00, 0x03, 0x02]
        + [0] * 8 + [0] * 6)
    add("MC confirmation", 0x13,
        [0x20, 0x23, 0x19, 0x02, 0x31, 0x51, 0x57, 0x01, 0x00, 0x34, 0x12]
        + list(range(0x10, 0x20)))
    add("BMC message channel info", 0x14,
        [0x81, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x0B, 0xFF, 0x00])
    add("OEM record, manufacturer 343 (Intel), 4 data bytes", 0xC0,
        [0x57, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02])
    add("unknown record type 20h", 0x20, [0xDE, 0xAD, 0xBE, 0xEF])
    return recs


def diff():
    """Records where ipmikit's output differs from ipmitool on purpose."""
    recs = []
    rid = 0x100

    def add(comment, rtype, body):
        nonlocal rid
        recs.append((comment, record(rid, rtype, body)))
        rid += 1

    add("6-bit packed ASCII ID 'CPU1' (ipmitool prints the packed bytes)", 0x01,
        full(0x10, "", idbytes=id6("CPU1")))
    add("BCD plus ID '12-3.4'", 0x02, compact(0x11, "", idbytes=[0x43, 0x12, 0xB3, 0xC4], fmt=3))
    add("hysteresis 85h in 2's complement (ipmitool reads it as -123)", 0x01,
        full(0x12, "Hyst Big", fmt=2, hyst=(0x85, 0x02), **FMT_THR[2]))
    add("generic locator, DS1624 device type 02h (ipmitool: Unknown (0x200))", 0x10,
        generic_loc("DS1624", dtype=0x02, dmod=0x00))
    add("generic locator, address span 3, channel 9 (ipmitool reads other bits)", 0x10,
        generic_loc("Span", span=3, channel=9))
    add("zero padding after the ID string", 0x12, mc_loc("Padded") + [0, 0, 0])
    return recs


def write(path, title, recs):
    with open(path, "w") as f:
        f.write("# %s\n# Generated by gen_sdr_golden.py from the IPMI 2.0 section 43 tables;"
                " do not edit.\n" % title)
        for comment, b in recs:
            f.write("# %s\n%s\n" % (comment, " ".join("%02x" % x for x in b)))


write(os.path.join(HERE, "sdr_golden.hex"),
      "SDR golden corpus: ipmikit sdr decode == ipmitool (tests/integration/sdr_oracle.sh)",
      golden())
write(os.path.join(HERE, "sdr_diff.hex"),
      "SDRs where ipmikit deliberately differs from ipmitool (docs/sdr.md)", diff())
