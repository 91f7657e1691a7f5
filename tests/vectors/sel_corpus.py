#!/usr/bin/env python3
"""Write tests/vectors/sel_corpus.hex: the golden SEL corpus (a few hundred records).

Every event/reading type family and offset, the event data 2/3 variants that change the
text (threshold readings, previous state, OEM codes, sensor-specific extensions), every
sensor type 00h-2Ch and the PICMG types, OEM and reserved codes, OEM record types, unknown
record types, Linux panic events and chunks, and the special timestamps. The integration
test tests/integration/sel_ipmitool.sh loads it into ipmi_sim and compares ipmitool's text
with ipmikit's. Deterministic: run it again and the file is the same.

    python3 tests/vectors/sel_corpus.py > tests/vectors/sel_corpus.hex
"""

records = []  # (label, 16 bytes)
TS0 = 0x5F5E1000  # 2020-09-13 12:26:40 UTC


def ts_for(i):
    return TS0 + i * 3677


def sys_event(label, sensor_type, sensor_num, event_type, d1, d2=0xFF, d3=0xFF, deassert=False,
              gen=0x0020, evm=0x04, ts=None):
    rid = len(records) + 1
    t = ts_for(rid) if ts is None else ts
    b = [rid & 0xFF, rid >> 8, 0x02,
         t & 0xFF, (t >> 8) & 0xFF, (t >> 16) & 0xFF, (t >> 24) & 0xFF,
         gen & 0xFF, gen >> 8, evm, sensor_type, sensor_num,
         (0x80 if deassert else 0) | event_type, d1, d2, d3]
    records.append((label, b))


def raw_record(label, rtype, body13):
    rid = len(records) + 1
    assert len(body13) == 13
    records.append((label, [rid & 0xFF, rid >> 8, rtype] + list(body13)))


def oem_ts(label, rtype, manuf, oem6, ts=None):
    rid = len(records) + 1
    t = ts_for(rid) if ts is None else ts
    body = [t & 0xFF, (t >> 8) & 0xFF, (t >> 16) & 0xFF, (t >> 24) & 0xFF,
            manuf & 0xFF, (manuf >> 8) & 0xFF, manuf >> 16] + list(oem6)
    raw_record(label, rtype, body)


# ---- threshold (01h): every offset, the data 1 [7:4] variants, both directions ----------
for off in range(12):
    sys_event("threshold temp offset %02x reading+threshold" % off, 0x01, 0x30, 0x01,
              0x50 | off, 0x40 + off, 0x3C)
    sys_event("threshold voltage offset %02x deassert, no data" % off, 0x02, 0x11, 0x01,
              off, deassert=True)
for d1 in (0x10, 0x40, 0x80, 0x20, 0xA0, 0xC0, 0x30, 0xF0, 0x09 | 0x50):
    sys_event("threshold fan data1 %02x" % d1, 0x04, 0x40, 0x01, d1, 0x12, 0x34)
sys_event("threshold offset 0c (reserved)", 0x03, 0x21, 0x01, 0x5C, 1, 2)
sys_event("threshold offset 0f (reserved)", 0x01, 0x22, 0x01, 0x0F)

# ---- generic discrete 02h-0Ch: every offset, one past the end, previous-state data 2 ----
generic_counts = {0x02: 3, 0x03: 2, 0x04: 2, 0x05: 2, 0x06: 2, 0x07: 9, 0x08: 2, 0x09: 2,
                  0x0A: 9, 0x0B: 8, 0x0C: 4}
st = 0x01
for et, n in generic_counts.items():
    for off in range(n + 1):
        sys_event("generic type %02x offset %02x" % (et, off), st, 0x50 + et, et, off)
    sys_event("generic type %02x previous state + severity" % et, 0x07, 0x60 + et, et,
              0x40 | 1, 0x20, deassert=True)
    st = st % 0x2C + 1

# ---- sensor-specific 6Fh: every sensor type 00h-2Ch, every offset up to one past the end
specific_counts = {0x05: 7, 0x06: 6, 0x07: 13, 0x08: 8, 0x09: 8, 0x0C: 11, 0x0D: 9,
                   0x0F: 3, 0x10: 7, 0x11: 8, 0x12: 6, 0x13: 12, 0x14: 5, 0x19: 2, 0x1B: 2,
                   0x1D: 8, 0x1E: 5, 0x1F: 11, 0x20: 6, 0x21: 10, 0x22: 15, 0x23: 9, 0x24: 4,
                   0x25: 3, 0x27: 2, 0x28: 6, 0x29: 3, 0x2A: 4, 0x2B: 8, 0x2C: 8}
for stype in range(0x00, 0x2D):
    n = specific_counts.get(stype, 0)
    for off in range(n + 1 if n else 2):
        sys_event("sensor type %02x offset %02x" % (stype, off), stype, 0x80 + stype, 0x6F,
                  off, deassert=(off % 3 == 2))

# ---- table 42-3 event data 2/3 extensions ---------------------------------------------
sys_event("phys security LAN leash lost, controller 1", 0x05, 0x01, 0x6F, 0xC4, 0x01)
for code in list(range(0, 0x0F)) + [0x20, 0xFF]:
    sys_event("fw error code %02x" % code, 0x0F, 0x02, 0x6F, 0xC0, code)
for code in list(range(0, 0x1B)) + [0x80]:
    sys_event("fw progress code %02x" % code, 0x0F, 0x03, 0x6F, 0xC2, code)
for code in (0x00, 0x07, 0x13, 0x19, 0x1A):
    sys_event("fw hang code %02x" % code, 0x0F, 0x04, 0x6F, 0xC1, code)
sys_event("fw error, no data 2 flag", 0x0F, 0x05, 0x6F, 0x00, 0x03)
sys_event("fw progress, OEM data 2", 0x0F, 0x05, 0x6F, 0x82, 0x03)
for code in range(0, 6):
    sys_event("psu config error data2=%02x ext3 %02x" % (code, code), 0x08, 0x31, 0x6F,
              0xF6, code, code)
sys_event("psu config error, no flags", 0x08, 0x31, 0x6F, 0x06, 0x01, 0x02)
sys_event("psu config error, data 3 only", 0x08, 0x31, 0x6F, 0x36, 0xFF, 0x03)
sys_event("psu inactive (07h)", 0x08, 0x31, 0x6F, 0x07)
for code in list(range(0, 0x19)):
    sys_event("version change fw detected type %02x" % code, 0x2B, 0x90, 0x6F, 0xC1, code)
sys_event("version change fw detected, no type", 0x2B, 0x90, 0x6F, 0x01, 0x05)
for code in (0x00, 0x09, 0x17, 0x18):
    sys_event("version change fw success type %02x" % code, 0x2B, 0x90, 0x6F, 0xC7, code)
sys_event("version change hw detected with type", 0x2B, 0x91, 0x6F, 0xC0, 0x12)
for d2 in (0x00, 0x11, 0x12, 0x23, 0x34, 0x45, 0xF1, 0x15, 0xFF):
    sys_event("watchdog2 timer expired data2 %02x" % d2, 0x23, 0x70, 0x6F, 0xC0, d2)
for off in (1, 2, 3, 8):
    sys_event("watchdog2 offset %02x interrupt SMI, OS load" % off, 0x23, 0x70, 0x6F,
              0xC0 | off, 0x13)
for off, d2, d3 in ((0, 0x01, 0x01), (1, 0x02, 0x11), (1, 0x05, 0x22), (1, 0x3F, 0x3E),
                    (2, 0x00, 0x06), (3, 0x04, 0x0F)):
    sys_event("session audit offset %02x user %d" % (off, d2), 0x2A, 0xA0, 0x6F,
              0xF0 | off, d2, d3)
sys_event("event logging disabled: memory module", 0x10, 0x61, 0x6F, 0xC0, 0x07)
sys_event("event logging disabled: type 6f, assert offset 3", 0x10, 0x61, 0x6F, 0xF1, 0x6F,
          0x13)
sys_event("event logging disabled: all of type 01", 0x10, 0x61, 0x6F, 0xF1, 0x01, 0x20)
sys_event("event logging disabled: SEL almost full 75%", 0x10, 0x61, 0x6F, 0x35, 0xFF, 75)
sys_event("event logging disabled: machine check", 0x10, 0x61, 0x6F, 0xF6, 0x02, 0x80)
sys_event("aux log entry added, MCA", 0x12, 0x71, 0x6F, 0xC3, 0x00)
sys_event("aux log cleared, OEM 2", 0x12, 0x71, 0x6F, 0xC3, 0x32)
sys_event("PEF action alert+reset", 0x12, 0x71, 0x6F, 0xC4, 0x05)
sys_event("PEF action all", 0x12, 0x71, 0x6F, 0xC4, 0x3F)
sys_event("timestamp clock sync second, SDR", 0x12, 0x71, 0x6F, 0xC5, 0x81)
sys_event("chip set soft power failure S0 -> S5", 0x19, 0x72, 0x6F, 0xF0, 0x00, 0x05)
sys_event("chip set soft power failure unknown", 0x19, 0x72, 0x6F, 0xF0, 0x0C, 0x0D)
for cause in (0, 1, 2, 4, 7, 0x0B, 0x0C):
    sys_event("system restart cause %02x channel 1" % cause, 0x1D, 0x73, 0x6F, 0xF7, cause,
              0x01)
for stype in (0, 6, 7, 0x0C, 0x0D):
    sys_event("slot/connector type %02x slot 3" % stype, 0x21, 0x74, 0x6F, 0xF2, stype, 3)
sys_event("mgmt health sensor failure, sensor 0x33", 0x28, 0x75, 0x6F, 0xC4, 0x33)
sys_event("mgmt health FRU failure, logical FRU 2", 0x28, 0x75, 0x6F, 0xF5, 0x80, 0x02)
sys_event("mgmt health FRU failure, I2C 0xa0 bus 1", 0x28, 0x75, 0x6F, 0xF5, 0x09, 0xA0)
for d2 in (0x01, 0x24, 0x57, 0xA3, 0xF7):
    sys_event("FRU state active, cause/previous %02x" % d2, 0x2C, 0x76, 0x6F, 0xC4, d2)
sys_event("memory ECC CPU 2 DIMM 1 (sensor 0)", 0x0C, 0x00, 0x6F, 0xA0, 0x00, 0x12)
sys_event("memory ECC OEM data 3, sensor 5", 0x0C, 0x05, 0x6F, 0xA1, 0x00, 0x34)
sys_event("memory ECC extension module 7", 0x0C, 0x00, 0x6F, 0xF0, 0x00, 0x07)
sys_event("memory ECC previous state", 0x0C, 0x00, 0x6F, 0x60, 0x21, 0x07)
sys_event("critical interrupt PCI SERR", 0x13, 0x77, 0x6F, 0xF5, 0x18, 0x02)
sys_event("processor previous state + severity", 0x07, 0x78, 0x6F, 0x41, 0x87)
sys_event("processor previous unspecified", 0x07, 0x78, 0x6F, 0x41, 0xFF)

# ---- PICMG ------------------------------------------------------------------------------
for cur in range(8):
    prev = (cur + 7) % 8
    for cause in (0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xA, 0xF):
        if (cur + cause) % 3 == 0 or cause in (0x0, 0xF) and cur in (0, 4):
            sys_event("FRU hot swap M%d from M%d cause %x" % (cur, prev, cause), 0xF0, 0x82,
                      0x6F, 0xA0 | cur, (cause << 4) | prev, cur)
for off in range(5):
    sys_event("IPMB link offset %02x" % off, 0xF1, 0x83, 0x6F, off, 0x00, 0x00)
for off in range(5):
    sys_event("module hot swap offset %02x" % off, 0xF2, 0x84, 0x6F, off)

# ---- OEM and reserved codes ---------------------------------------------------------------
for stype in (0x2D, 0x80, 0xBF, 0xC0, 0xC1, 0xD0, 0xF3, 0xFF):
    sys_event("sensor type %02x (reserved/OEM), 6f" % stype, stype, 0x10, 0x6F, 0x01, 0x22, 0x33)
for et in (0x70, 0x71, 0x7E, 0x7F):
    sys_event("OEM event type %02x" % et, 0xC0, 0x11, et, 0xA5, 0x5A, 0x77)
for et in (0x00, 0x0D, 0x50, 0x6E):
    sys_event("event type %02x (unspecified/reserved)" % et, 0x01, 0x12, et, 0x00)

# ---- generator IDs, EvM revisions ---------------------------------------------------------
sys_event("software generator 0x41 (SMS)", 0x12, 0x13, 0x6F, 0x01, gen=0x0041)
sys_event("BIOS generator 0x33, channel 0, LUN 0", 0x12, 0x13, 0x6F, 0x01, gen=0x0033)
sys_event("IPMB 0x82 channel 7 LUN 3", 0x01, 0x14, 0x01, 0x57, 0x10, 0x20, gen=0x7382)
sys_event("EvM rev 03 (IPMI 1.0)", 0x02, 0x15, 0x01, 0x00, evm=0x03)
sys_event("EvM rev 05 (unknown)", 0x02, 0x15, 0x01, 0x00, evm=0x05)
sys_event("EvM rev 00", 0x02, 0x15, 0x01, 0x00, evm=0x00)

# ---- timestamps --------------------------------------------------------------------------
sys_event("timestamp unspecified", 0x01, 0x16, 0x01, 0x00, ts=0xFFFFFFFF)
sys_event("timestamp pre-init 0", 0x01, 0x16, 0x01, 0x00, ts=0)
sys_event("timestamp pre-init 1fffffff", 0x01, 0x16, 0x01, 0x00, ts=0x1FFFFFFF)
sys_event("timestamp exactly 20000000", 0x01, 0x16, 0x01, 0x00, ts=0x20000000)
sys_event("timestamp 20000001", 0x01, 0x16, 0x01, 0x00, ts=0x20000001)
sys_event("timestamp 2038-01-19", 0x01, 0x16, 0x01, 0x00, ts=0x7FFFFFFF)
sys_event("timestamp 2106-02-07 (max)", 0x01, 0x16, 0x01, 0x00, ts=0xFFFFFFFE)
sys_event("timestamp leap day 2024-02-29", 0x01, 0x16, 0x01, 0x00, ts=1709164800 + 3599)

# ---- Linux panic --------------------------------------------------------------------------
sys_event("Linux panic event 'Ker'", 0x20, ord('K'), 0x6F, 0xA1, ord('e'), ord('r'),
          gen=0x0021, evm=0x03)
sys_event("Linux panic event, empty string", 0x20, 0x00, 0x6F, 0xA1, 0x00, 0x00, gen=0x0021,
          evm=0x03)
msg = b"Kernel panic - not syncing: Fatal exception in interrupt"
for seq in range((len(msg) + 10) // 11):
    chunk = msg[seq * 11:seq * 11 + 11]
    raw_record("panic chunk %d" % seq, 0xF0, [0x20, seq] + list(chunk.ljust(11, b"\0")))
msg2 = b"Oops: exactly 22 chars"
for seq in range(2):
    raw_record("second panic, chunk %d" % seq, 0xF0, [0x22, seq] + list(msg2[seq * 11:seq * 11 + 11]))

# ---- OEM records and unknown types --------------------------------------------------------
oem_ts("OEM timestamped c0, IANA 343 (Intel)", 0xC0, 343, b"ABCDEF")
oem_ts("OEM timestamped d5, IANA 674 (Dell)", 0xD5, 674, [0x00, 0x7F, 0x80, 0xFF, 0x40, 0x20])
oem_ts("OEM timestamped df, pre-init", 0xDF, 0xFFFFFF, [1, 2, 3, 4, 5, 6], ts=0x100)
raw_record("OEM non-timestamped e0", 0xE0, list(range(0x30, 0x3D)))
raw_record("OEM non-timestamped ef", 0xEF, list(b"Hello, world!"))
raw_record("OEM non-timestamped fe", 0xFE, [0xFF] * 13)
raw_record("OEM non-timestamped ff", 0xFF, [0x00] * 13)
for rtype in (0x00, 0x01, 0x03, 0x10, 0x7F, 0xBF):
    raw_record("unknown record type %02x" % rtype, rtype,
               [0x10, 0x32, 0x54, 0x76, 0x20, 0x00, 0x04, 0x01, 0x30, 0x01, 0x52, 0x1C, 0x20])

print(__doc__.split("\n")[0].replace("Write tests/vectors/sel_corpus.hex: t", "# T"))
print("# Generated by tests/vectors/sel_corpus.py; one 16-byte SEL record per line.")
for label, b in records:
    assert len(b) == 16, label
    print("# " + label)
    print(" ".join("%02x" % x for x in b))
