/* Hex digits: the one place ipmikit turns '0'-'9', 'a'-'f', 'A'-'F' into values. */
#ifndef IK_HEX_H
#define IK_HEX_H

/* Value 0-15 of a hex digit, or -1 for any other character. */
static inline int ik_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#endif
