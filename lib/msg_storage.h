/*
 * NetFn Storage (0Ah) command payloads: the request and response data (after the
 * completion code) of the SEL, SDR repository and FRU inventory commands (IPMI 2.0
 * sections 31, 33, 34) that bmcd answers and the CLI and host agents send. The records
 * themselves are lib/sel.c, lib/sdr.c and lib/fru.c; these codecs are the command framing
 * around them. Get SEL Info / Get SDR Repository Info are lib/repo_info.c.
 *
 * Several commands share one layout, and so one codec:
 *   - the reservation response: Reserve SEL (section 31.4), Reserve SDR Repository
 *     (33.11), Reserve Device SDR Repository (35.4);
 *   - the record read: Get SEL Entry (31.5), Get SDR (33.12), Get Device SDR (35.3);
 *   - the record ID response: Add SEL Entry (31.6), Partial Add SEL Entry (31.7), Delete
 *     SEL Entry (31.8);
 *   - the 4-byte time: Get SEL Time response (31.10), Set SEL Time request (31.11), Get SDR
 *     Repository Time response (section 33).
 * Spec table numbers below: table 31-N is section 31.N; table 34-N is section 34.(N-1).
 */
#ifndef IK_MSG_STORAGE_H
#define IK_MSG_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* ---- reservation response (table 31-4, sections 33.11, 35.4)
 * ------------------------------------- */

#define IK_RESERVE_RSP_LEN 2

struct ik_reserve_rsp {
    uint16_t resv; /* reservation ID (0000h is never handed out) */
};

int ik_reserve_rsp_decode(const uint8_t *buf, size_t len, struct ik_reserve_rsp *out);
int ik_reserve_rsp_encode(const struct ik_reserve_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- record read: Get SEL Entry / Get SDR / Get Device SDR (table 31-5, sections 33.12, 35.3)
 * ---- */

#define IK_GET_RECORD_REQ_LEN  6
#define IK_GET_RECORD_FIRST    0x0000 /* record ID: the first record */
#define IK_GET_RECORD_LAST     0xFFFF /* record ID: the last record; next ID after the last */
#define IK_GET_RECORD_WHOLE    0xFF   /* bytes to read: to the end of the record */
#define IK_GET_RECORD_RSP_MIN  2
#define IK_GET_RECORD_DATA_MAX 260 /* a whole SDR: 5-byte header + 255-byte body */

struct ik_get_record_req {
    uint16_t resv;      /* reservation ID; 0000h allowed for reads starting at offset 0 */
    uint16_t record_id; /* IK_GET_RECORD_FIRST / _LAST or an ID */
    uint8_t offset;     /* into the record */
    uint8_t count;      /* bytes to read, IK_GET_RECORD_WHOLE for all */
};

int ik_get_record_req_decode(const uint8_t *buf, size_t len, struct ik_get_record_req *out);
int ik_get_record_req_encode(const struct ik_get_record_req *in, uint8_t *buf, size_t cap,
                             size_t *written);

struct ik_get_record_rsp {
    uint16_t next_id;    /* IK_GET_RECORD_LAST after the last record */
    const uint8_t *data; /* the bytes read; borrows the decoder's input */
    size_t len;          /* 0..IK_GET_RECORD_DATA_MAX */
};

/* 2 bytes and up; more than 2 + IK_GET_RECORD_DATA_MAX is IK_E_OVERSIZE. */
int ik_get_record_rsp_decode(const uint8_t *buf, size_t len, struct ik_get_record_rsp *out);
/* len > IK_GET_RECORD_DATA_MAX (or data NULL with len > 0) is IK_E_RANGE. */
int ik_get_record_rsp_encode(const struct ik_get_record_rsp *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* ---- record ID response: Add / Partial Add / Delete SEL Entry (tables 31-6..31-8) ------- */

#define IK_SEL_ID_RSP_LEN 2

struct ik_sel_id_rsp {
    uint16_t record_id; /* the record added or deleted */
};

int ik_sel_id_rsp_decode(const uint8_t *buf, size_t len, struct ik_sel_id_rsp *out);
int ik_sel_id_rsp_encode(const struct ik_sel_id_rsp *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Delete SEL Entry request (table 31-8) ------------------------------------------------ */

#define IK_SEL_DELETE_REQ_LEN 4

struct ik_sel_delete_req {
    uint16_t resv;
    uint16_t record_id; /* IK_GET_RECORD_FIRST / _LAST or an ID */
};

int ik_sel_delete_req_decode(const uint8_t *buf, size_t len, struct ik_sel_delete_req *out);
int ik_sel_delete_req_encode(const struct ik_sel_delete_req *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* ---- Clear SEL (table 31-9) --------------------------------------------------------------- */

#define IK_SEL_CLEAR_REQ_LEN  6
#define IK_SEL_CLEAR_INITIATE 0xAA /* initiate erase */
#define IK_SEL_CLEAR_STATUS   0x00 /* get erasure status */

struct ik_sel_clear_req {
    uint16_t resv;
    /* Bytes 2-4 are 'C' 'L' 'R'. Decoded as a flag so the BMC can check the reservation
     * first; the encoder writes "CLR" when set and three zero bytes when not. */
    bool confirmed;
    uint8_t action; /* IK_SEL_CLEAR_INITIATE or IK_SEL_CLEAR_STATUS; others as received */
};

int ik_sel_clear_req_decode(const uint8_t *buf, size_t len, struct ik_sel_clear_req *out);
int ik_sel_clear_req_encode(const struct ik_sel_clear_req *in, uint8_t *buf, size_t cap,
                            size_t *written);

#define IK_SEL_CLEAR_RSP_LEN     1
#define IK_SEL_ERASE_IN_PROGRESS 0x0
#define IK_SEL_ERASE_COMPLETED   0x1

struct ik_sel_clear_rsp {
    uint8_t progress; /* 0-15: IK_SEL_ERASE_IN_PROGRESS / IK_SEL_ERASE_COMPLETED */
};

int ik_sel_clear_rsp_decode(const uint8_t *buf, size_t len, struct ik_sel_clear_rsp *out);
/* progress > 15 is IK_E_RANGE. */
int ik_sel_clear_rsp_encode(const struct ik_sel_clear_rsp *in, uint8_t *buf, size_t cap,
                            size_t *written);

/* ---- SEL / SDR repository time (tables 31-10, 31-11) ------------------------------- */

#define IK_STORAGE_TIME_LEN 4

struct ik_storage_time {
    uint32_t time; /* seconds since 1970-01-01 UTC, or relative to initialisation */
};

int ik_storage_time_decode(const uint8_t *buf, size_t len, struct ik_storage_time *out);
int ik_storage_time_encode(const struct ik_storage_time *in, uint8_t *buf, size_t cap,
                           size_t *written);

/* ---- Get FRU Inventory Area Info (table 34-2) --------------------------------------------- */

#define IK_FRU_DEVICE_REQ_LEN 1

/* The request of Get FRU Inventory Area Info: the FRU device ID alone. */
struct ik_fru_device_req {
    uint8_t device_id; /* FFh reserved */
};

int ik_fru_device_req_decode(const uint8_t *buf, size_t len, struct ik_fru_device_req *out);
int ik_fru_device_req_encode(const struct ik_fru_device_req *in, uint8_t *buf, size_t cap,
                             size_t *written);

#define IK_FRU_INFO_RSP_LEN 3

struct ik_fru_info_rsp {
    uint16_t size; /* inventory area size in bytes */
    bool by_words; /* the device is accessed by words (offsets and counts in words) */
};

int ik_fru_info_rsp_decode(const uint8_t *buf, size_t len, struct ik_fru_info_rsp *out);
int ik_fru_info_rsp_encode(const struct ik_fru_info_rsp *in, uint8_t *buf, size_t cap,
                           size_t *written);

/* ---- Read FRU Data (table 34-3) ----------------------------------------------------------- */

#define IK_FRU_READ_REQ_LEN  4
#define IK_FRU_READ_RSP_MIN  1
#define IK_FRU_READ_DATA_MAX 510 /* 255 words: the most a count byte can name */

struct ik_fru_read_req {
    uint8_t device_id;
    uint16_t offset; /* in bytes, or words for a device accessed by words */
    uint8_t count;   /* bytes (or words) to read */
};

int ik_fru_read_req_decode(const uint8_t *buf, size_t len, struct ik_fru_read_req *out);
int ik_fru_read_req_encode(const struct ik_fru_read_req *in, uint8_t *buf, size_t cap,
                           size_t *written);

struct ik_fru_read_rsp {
    uint8_t count;       /* count returned, in the device's access unit */
    const uint8_t *data; /* borrows the decoder's input; the caller checks len against count */
    size_t len;
};

/* 1 byte and up; more than 1 + IK_FRU_READ_DATA_MAX is IK_E_OVERSIZE. */
int ik_fru_read_rsp_decode(const uint8_t *buf, size_t len, struct ik_fru_read_rsp *out);
/* len > IK_FRU_READ_DATA_MAX (or data NULL with len > 0) is IK_E_RANGE. */
int ik_fru_read_rsp_encode(const struct ik_fru_read_rsp *in, uint8_t *buf, size_t cap,
                           size_t *written);

/* ---- Write FRU Data (table 34-4) ---------------------------------------------------------- */

#define IK_FRU_WRITE_REQ_MIN  4   /* device, offset, at least one data byte */
#define IK_FRU_WRITE_DATA_MAX 252 /* what fits a 255-byte request after the 3-byte header */

struct ik_fru_write_req {
    uint8_t device_id;
    uint16_t offset;     /* in bytes, or words for a device accessed by words */
    const uint8_t *data; /* borrows the decoder's input */
    size_t len;          /* 1..IK_FRU_WRITE_DATA_MAX */
};

int ik_fru_write_req_decode(const uint8_t *buf, size_t len, struct ik_fru_write_req *out);
/* len 0 or > IK_FRU_WRITE_DATA_MAX (or data NULL) is IK_E_RANGE. */
int ik_fru_write_req_encode(const struct ik_fru_write_req *in, uint8_t *buf, size_t cap,
                            size_t *written);

#define IK_FRU_WRITE_RSP_LEN 1

struct ik_fru_write_rsp {
    uint8_t count; /* count written, in the device's access unit */
};

int ik_fru_write_rsp_decode(const uint8_t *buf, size_t len, struct ik_fru_write_rsp *out);
int ik_fru_write_rsp_encode(const struct ik_fru_write_rsp *in, uint8_t *buf, size_t cap,
                            size_t *written);

#endif
