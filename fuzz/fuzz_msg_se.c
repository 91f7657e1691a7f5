/* libFuzzer: NetFn Sensor/Event payload decoders (lib/msg_se.c). The first byte picks the
 * codec. Whatever decodes must encode to the same length, and that encoding must decode and
 * encode to itself (reserved bits are dropped on the way, so the input itself need not come
 * back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_codec.h"
#include "msg_se.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_codec.h\'s check, named after the codec. */
#define STABLE(name, type, dec, enc) FUZZ_STABLE(name, type, dec, enc, 64)

STABLE(event_msg, struct ik_event_msg, ik_event_msg_decode, ik_event_msg_encode)
STABLE(event_msg_sysif, struct ik_event_msg, ik_event_msg_sysif_decode, ik_event_msg_encode)
STABLE(reading, struct ik_sensor_reading, ik_sensor_reading_decode, ik_sensor_reading_encode)
STABLE(factors_req, struct ik_reading_factors_req, ik_reading_factors_req_decode,
       ik_reading_factors_req_encode)
STABLE(factors, struct ik_reading_factors, ik_reading_factors_decode, ik_reading_factors_encode)
STABLE(thresholds, struct ik_thresholds, ik_thresholds_decode, ik_thresholds_encode)
STABLE(thresholds_set, struct ik_thresholds_set_req, ik_thresholds_set_req_decode,
       ik_thresholds_set_req_encode)
STABLE(receiver, struct ik_event_receiver, ik_event_receiver_decode, ik_event_receiver_encode)
STABLE(hysteresis, struct ik_hysteresis, ik_hysteresis_decode, ik_hysteresis_encode)
STABLE(hysteresis_set, struct ik_hysteresis_set_req, ik_hysteresis_set_req_decode,
       ik_hysteresis_set_req_encode)
STABLE(event_enable, struct ik_event_bits, ik_event_enable_decode, ik_event_bits_encode)
STABLE(event_status, struct ik_event_bits, ik_event_status_decode, ik_event_bits_encode)
STABLE(event_enable_set, struct ik_event_enable_set_req, ik_event_enable_set_req_decode,
       ik_event_enable_set_req_encode)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *, size_t) = {
        event_msg,    event_msg_sysif, reading,          factors_req, factors,
        thresholds,   thresholds_set,  receiver,         hysteresis,  hysteresis_set,
        event_enable, event_status,    event_enable_set,
    };
    FUZZ_PICK(codecs, data, size);
    return 0;
}
