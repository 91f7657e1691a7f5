#!/usr/bin/env python3
"""Write tests/vectors/sample_sel.bin: a realistic 32-record raw SEL (16 bytes a record, as
`ipmitool sel writeraw` saves it) from a server's bad week: log cleared, boots with BIOS
progress, a fan and a temperature crossing thresholds, a power supply losing AC, redundancy
lost, a watchdog reset, a kernel panic (the standard event and the OEM text chunks), a
memory error, a hot-swap blade and OEM records. scripts/run.sh decodes it.

    python3 tests/vectors/sel_sample.py
"""
import os
import struct

T0 = 1717236000  # 2024-06-01 10:00:00 UTC
recs = []


def ts(sec):
    return T0 + sec


def ev(t, stype, num, etype, d1, d2=0xFF, d3=0xFF, deassert=False, gen=0x0020, evm=0x04):
    rid = len(recs) + 1
    recs.append(struct.pack("<HBIHBBBB3B", rid, 0x02, t, gen, evm, stype, num,
                            (0x80 if deassert else 0) | etype, d1, d2, d3))


def raw(rtype, body):
    rid = len(recs) + 1
    recs.append(struct.pack("<HB", rid, rtype) + bytes(body))


ev(12, 0x10, 0x01, 0x6F, 0x02)                         # SEL cleared, pre-init stamp
ev(ts(5), 0x1D, 0x02, 0x6F, 0xC7, 0x03, 0x00)          # system restart: power button
ev(ts(9), 0x0F, 0x03, 0x6F, 0xC2, 0x01, gen=0x0001)    # BIOS: memory init
ev(ts(21), 0x0F, 0x03, 0x6F, 0xC2, 0x09, gen=0x0001)   # BIOS: video init
ev(ts(40), 0x0F, 0x03, 0x6F, 0xC2, 0x13, gen=0x0001)   # BIOS: starting OS boot
ev(ts(41), 0x1F, 0x04, 0x6F, 0x01, gen=0x0001)         # C: boot completed
ev(ts(300), 0x2A, 0x05, 0x6F, 0xF0, 0x02, 0x01)        # session activated, user 2, ch 1
ev(ts(3600), 0x04, 0x40, 0x01, 0x52, 0x05, 0x08)       # fan lower critical going low
ev(ts(3660), 0x04, 0x40, 0x01, 0x52, 0x0A, 0x08, deassert=True)
ev(ts(7200), 0x01, 0x30, 0x01, 0x57, 0x5A, 0x55)       # CPU temp upper non-critical high
ev(ts(7260), 0x01, 0x30, 0x01, 0x59, 0x61, 0x5F)       # upper critical going high
ev(ts(7500), 0x01, 0x30, 0x01, 0x57, 0x50, 0x55, deassert=True)
ev(ts(86400), 0x08, 0x60, 0x6F, 0x03)                  # PSU 2 AC lost
ev(ts(86401), 0x09, 0x61, 0x0B, 0x01)                  # power redundancy lost
ev(ts(86460), 0x08, 0x60, 0x6F, 0x03, deassert=True)
ev(ts(86461), 0x09, 0x61, 0x0B, 0x00)                  # fully redundant again
ev(ts(90000), 0x0C, 0x00, 0x6F, 0xA0, 0x00, 0x12)      # correctable ECC, CPU 2 DIMM 1
ev(ts(90001), 0x0C, 0x08, 0x6F, 0xF0, 0x00, 0x03)      # correctable ECC, DIMM 3 (spec)
ev(ts(172800), 0x20, ord('B'), 0x6F, 0xA1, ord('U'), ord('G'), gen=0x0021, evm=0x03)
msg = b"BUG: unable to handle page fault for address: 0000000000001234"
for seq in range((len(msg) + 10) // 11):
    raw(0xF0, bytes([0x20, seq]) + msg[seq * 11:seq * 11 + 11].ljust(11, b"\0"))
ev(ts(172830), 0x23, 0x07, 0x6F, 0xC1, 0x04)           # watchdog 2 hard reset, SMS/OS
ev(ts(172835), 0x1D, 0x02, 0x6F, 0xC7, 0x04, 0x00)     # restart: watchdog expiration
ev(ts(172900), 0x2B, 0x09, 0x6F, 0xC7, 0x09)           # BIOS updated successfully
ev(ts(200000), 0xF0, 0x82, 0x6F, 0xA4, 0x23, 0x01, gen=0x0082)  # blade hot swap M4
raw(0xC0, struct.pack("<I", ts(200100)) + bytes([0xA2, 0x02, 0x00]) + b"\x01\x02\x03\x04\x05\x06")
raw(0xE1, bytes(range(0x41, 0x4E)))
ev(ts(259200), 0x12, 0x0A, 0x6F, 0xC5, 0x00)           # timestamp clock sync, first of pair
assert len(recs) == 32, len(recs)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample_sel.bin")
with open(out, "wb") as f:
    f.write(b"".join(recs))
