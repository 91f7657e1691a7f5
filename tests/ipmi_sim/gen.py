#!/usr/bin/env python3
"""Generate tests/ipmi_sim/bmc.emu: the test BMC the CLI's integration tests and benchmark
run against (ipmi_sim command file, ipmi_sim_cmd(5)).

One BMC at 20h with: full threshold sensors (temperatures, voltages, a fan, power) with
readings and thresholds, compact discrete sensors (processor, power supply, intrusion, a
drive slot, an ACPI state) with states set, an event-only sensor, FRU and MC device
locators, FRU device 0 with chassis, board and product areas plus a second FRU device, and
a SEL with threshold, discrete and OEM events for those sensors.

    python3 tests/ipmi_sim/gen.py            # writes tests/ipmi_sim/bmc.emu
    python3 tests/ipmi_sim/gen.py --sel N    # prints N extra SEL lines (bench, 4000)

The SDR builders come from tests/vectors/gen_sdr_golden.py (built from the spec tables,
independently of lib/sdr.c).
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "g", os.path.join(HERE, "..", "vectors", "gen_sdr_golden.py"))
g = importlib.util.module_from_spec(spec)
spec.loader.exec_module(g)


def hexs(bs):
    return " ".join("0x%02x" % b for b in bs)


# (num, name, sensor type, entity, unit, m, k2, thresholds UNR..LNC, reading, readable mask)
# Thresholds are raw values in table 43-1 order: UNR, UCR, UNC, LNR, LCR, LNC.
THRESHOLD = [
    (0x01, "CPU Temp", 0x01, (3, 1), 1, 1, 0, (100, 90, 80, 0, 5, 10), 45),
    (0x02, "System Temp", 0x01, (7, 1), 1, 1, 0, (75, 70, 65, 0, 3, 5), 30),
    (0x03, "12V", 0x02, (7, 1), 4, 6, -2, (230, 220, 215, 165, 170, 175), 200),
    (0x04, "5V", 0x02, (7, 1), 4, 3, -2, (200, 190, 185, 140, 145, 150), 167),
    (0x05, "FAN1", 0x04, (29, 1), 18, 60, 0, (255, 250, 245, 5, 10, 15), 100),
    (0x06, "PSU1 Power", 0x0B, (10, 1), 6, 4, 0, (250, 240, 230, 0, 0, 0), 60),
    # reading above the upper critical threshold: status "cr"
    (0x07, "DIMM Temp", 0x01, (32, 1), 1, 1, 0, (100, 90, 80, 0, 5, 10), 92),
]

# (num, name, sensor type, event/reading type, entity, state bits set)
DISCRETE = [
    (0x10, "CPU Status", 0x07, 0x6F, (3, 1), [7]),        # processor presence detected
    (0x11, "PSU1 Status", 0x08, 0x6F, (10, 1), [0]),      # power supply presence
    (0x12, "Intrusion", 0x05, 0x6F, (23, 1), []),         # physical security, all clear
    (0x13, "Drive 0", 0x0D, 0x6F, (4, 1), [0]),           # drive present
    (0x14, "ACPI State", 0x22, 0x6F, (7, 1), [0]),        # S0/G0 working
    (0x15, "PWR Redundancy", 0x0B, 0x0B, (10, 1), [0]),   # generic: fully redundant
]


def threshold_sdr(rid, t):
    num, name, stype, ent, unit, m, k2, thr, _ = t
    return g.record(rid, 0x01, g.full(
        num, name, m=m, k2=k2, thr=thr, nominal=thr[2] - 10 if thr[2] > 10 else 1,
        nmax=thr[2], nmin=thr[5], smax=0xFF, smin=0, hyst=(1, 1), stype=stype, entity=ent,
        base=unit, amask=0x7A95 if thr[4] else 0x7A80, dmask=0x7A95 if thr[4] else 0x7A80,
        rmask=0x3F3F if thr[4] else 0x3838))


def discrete_sdr(rid, d):
    num, name, stype, etype, ent, _ = d
    # assertion/deassertion masks: the states this sensor type defines (0x00FF), reading
    # mask the same; no thresholds
    return g.record(rid, 0x02, g.compact(
        num, name, stype=stype, etype=etype, entity=ent, caps=0x40, amask=0x00FF,
        dmask=0x00FF, rmask=0x00FF, fmt=3, base=0))


def fru_area(fields, lang=None, board=False, chassis=None):
    """A FRU info area (board/product/chassis): 8-bit ASCII fields, C1h, pad, checksum."""
    body = [0x01, 0]  # version, length placeholder
    if chassis is not None:
        body.append(chassis)
    if lang is not None:
        body.append(lang)
    if board:
        body += [0x10, 0x2A, 0x0E]  # manufacturing date: minutes since 1996 (LS first)
    for f in fields:
        b = list(f.encode("latin-1"))
        body += [0xC0 | len(b)] + b
    body.append(0xC1)
    while (len(body) + 1) % 8:
        body.append(0)
    body[1] = (len(body) + 1) // 8
    body.append((-sum(body)) & 0xFF)
    return body


def fru_image():
    chassis = fru_area(["CH-1234", "CHS0001"], chassis=0x17)
    board = fru_area(["ipmikit Labs", "IK Mainboard", "BRD000123", "IK-MB-01", "fru-v1",
                      "Board Extra"], lang=0, board=True)
    product = fru_area(["ipmikit Labs", "IK Server 1000", "IKS-1000", "1.0", "PRD000456",
                        "ASSET-77", "fru-v1"], lang=0)
    off = 8
    hdr = [0x01, 0x00, off // 8, (off + len(chassis)) // 8,
           (off + len(chassis) + len(board)) // 8, 0x00, 0x00]
    hdr.append((-sum(hdr)) & 0xFF)
    return hdr + chassis + board + product


def fru_image2():
    board = fru_area(["ipmikit Labs", "IK PSU", "PSU00042", "IK-PSU-750", ""],
                     lang=0, board=True)
    hdr = [0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00]
    hdr.append((-sum(hdr)) & 0xFF)
    return hdr + board


def sel_lines():
    """SEL records as sel_add lines: type 02h system events and OEM records."""
    ev = []

    def system(stype, num, etype, d1, d2=0xFF, d3=0xFF, deassert=0):
        # bytes 3-15 of table 32-1: timestamp (ipmi_sim overwrites), generator 20h LUN 0,
        # EvM rev 04h, sensor type, number, direction|type, data 1-3
        ev.append([0x02, 0, 0, 0, 0, 0x20, 0x00, 0x04, stype, num,
                   deassert << 7 | etype, d1, d2, d3])

    system(0x01, 0x01, 0x01, 0x59, 92, 90)          # CPU Temp upper critical going high
    system(0x01, 0x01, 0x01, 0x59, 88, 90, 1)       # ... deasserted
    system(0x02, 0x03, 0x01, 0x52, 168, 170)        # 12V lower critical going low
    system(0x04, 0x05, 0x01, 0x52, 9, 10)           # FAN1 lower critical going low
    system(0x05, 0x12, 0x6F, 0x00)                  # Intrusion: general chassis intrusion
    system(0x05, 0x12, 0x6F, 0x00, deassert=1)
    system(0x08, 0x11, 0x6F, 0x01)                  # PSU1 failure detected
    system(0x07, 0x10, 0x6F, 0x07)                  # CPU presence detected
    system(0x0D, 0x13, 0x6F, 0x00)                  # Drive 0 present
    system(0x0B, 0x15, 0x0B, 0x01)                  # PWR Redundancy lost
    system(0x23, 0x20, 0x6F, 0xC1, 0x00, 0x00)      # watchdog 2 hard reset (event-only)
    system(0x0C, 0x40, 0x6F, 0xA0, 0x00, 0x01)      # memory ECC, no SDR for sensor 40h
    ev.append([0xC0, 0, 0, 0, 0, 0x57, 0x01, 0x00, 1, 2, 3, 4, 5, 6])  # OEM timestamped
    ev.append([0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])    # OEM non-timestamped
    return ["sel_add 0x20 " + hexs(e) for e in ev]


def bench_sel(n):
    out = []
    for i in range(n):
        num = [0x01, 0x03, 0x05, 0x12, 0x11][i % 5]
        stype = {0x01: 0x01, 0x03: 0x02, 0x05: 0x04, 0x12: 0x05, 0x11: 0x08}[num]
        etype = 0x01 if num < 0x10 else 0x6F
        d = [0x59, 90 + i % 10, 90] if etype == 0x01 else [i % 2, 0xFF, 0xFF]
        out.append("sel_add 0x20 " + hexs([0x02, 0, 0, 0, 0, 0x20, 0x00, 0x04, stype, num,
                                           (i % 2) << 7 | etype] + d))
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--sel":
        print("\n".join(bench_sel(int(sys.argv[2]))))
        return
    lines = [
        "# Generated by tests/ipmi_sim/gen.py; do not edit.",
        "mc_setbmc 0x20",
        "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr",
        "sel_enable 0x20 5000 0x0a",
    ]
    rid = 1
    sdrs = []
    for t in THRESHOLD:
        sdrs.append(threshold_sdr(rid, t))
        rid += 1
    for d in DISCRETE:
        sdrs.append(discrete_sdr(rid, d))
        rid += 1
    sdrs.append(g.record(rid, 0x03, g.event_only(0x20, "Watchdog 2", entity=(7, 1),
                                                 stype=0x23)))
    rid += 1
    # FRU device locators: device 0 (the BMC's own FRU) and device 1 (power supply)
    for dev, name, ent in ((0, "Main Board FRU", (7, 1)), (1, "PSU1 FRU", (10, 1))):
        body = [0x20, dev, 0x80, 0x00, 0x00, 0x10, 0x00, ent[0], ent[1], 0x00] + g.id8(name)
        sdrs.append(g.record(rid, 0x11, body))
        rid += 1
    # management controller device locator: the BMC itself
    body = [0x20, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x06, 0x01, 0x00] + g.id8("IK BMC")
    sdrs.append(g.record(rid, 0x12, body))
    for s in sdrs:
        lines.append("main_sdr_add 0x20 " + hexs(s))
    for t in THRESHOLD:
        num, stype, thr, value = t[0], t[2], t[7], t[8]
        lines.append("sensor_add 0x20 0 0x%02x 0x%02x 0x01" % (num, stype))
        enabled = "111111" if thr[4] else "111000"
        lines.append("sensor_set_threshold 0x20 0 0x%02x settable %s %s"
                     % (num, enabled, hexs(thr)))
        lines.append("sensor_set_hysteresis 0x20 0 0x%02x settable 1 1" % num)
        lines.append("sensor_set_value 0x20 0 0x%02x 0x%02x 0" % (num, value))
    for d in DISCRETE:
        num, stype, etype, bits = d[0], d[2], d[3], d[5]
        lines.append("sensor_add 0x20 0 0x%02x 0x%02x 0x%02x" % (num, stype, etype))
        for b in bits:
            lines.append("sensor_set_bit 0x20 0 0x%02x %d 1 0" % (num, b))
    img = fru_image()
    lines.append("mc_add_fru_data 0x20 0 0x%x data %s" % (len(img), hexs(img)))
    img2 = fru_image2()
    lines.append("mc_add_fru_data 0x20 1 0x%x data %s" % (len(img2), hexs(img2)))
    lines += sel_lines()
    lines.append("mc_enable 0x20")
    with open(os.path.join(HERE, "bmc.emu"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
