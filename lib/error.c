/* ik_strerror() and ik_errname(), generated from IK_ERRNO_MAP in include/ipmikit/error.h. */
#include "ipmikit/error.h"

const char *ik_strerror(int err)
{
    switch (err) {
#define IK__ERR_MSG(name, num, msg)                                                                \
    case (num):                                                                                    \
        return (msg);
        IK_ERRNO_MAP(IK__ERR_MSG)
#undef IK__ERR_MSG
    }
    return "unknown error";
}

const char *ik_errname(int err)
{
    switch (err) {
#define IK__ERR_NAME(name, num, msg)                                                               \
    case (num):                                                                                    \
        return "IK_E_" #name;
        IK_ERRNO_MAP(IK__ERR_NAME)
#undef IK__ERR_NAME
    }
    return "IK_E_?";
}
