/* Machine description, access section: the defaults (machine_access.h explains them). */
#include "machine.h"

#include <string.h>

#include "cipher.h"
#include "lanmsg.h"

void ik_machine_user_set_password(struct ik_machine_user *u, const char *pw)
{
    size_t n = strlen(pw);
    if (n > IK_ACCESS_PASSWORD_LEN)
        n = IK_ACCESS_PASSWORD_LEN;
    memset(u->password, 0, sizeof(u->password));
    memcpy(u->password, pw, n);
    u->password_size = n > 16 ? 20 : 16;
}

void ik_machine_access_defaults(struct ik_machine_access *a)
{
    memset(a, 0, sizeof(*a));

    /* User 1 is the null user: it exists (its name is fixed and empty) but is disabled
     * and has no access until a description or a client enables it. */
    struct ik_machine_user *u = &a->users[1];
    u->defined = true;
    u->priv = IK_PRIV_NO_ACCESS;
    u->password_size = 16;

    u = &a->users[2];
    u->defined = true;
    strcpy(u->name, "admin");
    ik_machine_user_set_password(u, IK_ACCESS_DEFAULT_PASSWORD);
    u->enabled = true;
    u->priv = IK_PRIV_ADMIN;
    u->ipmi_messaging = true;
    u->link_auth = true;

    a->channel.number = IK_CHAN_LAN;
    a->channel.access_mode = 2; /* always available */
    a->channel.priv_limit = IK_PRIV_ADMIN;
    a->channel.max_sessions = 16;
    a->channel.max_half_open = 32;

    a->lan.ip_source = 1; /* static */
    static const uint8_t mask[4] = {255, 255, 255, 0};
    memcpy(a->lan.netmask, mask, 4);
    strcpy(a->lan.community, "public");
    for (uint8_t id = 1; id < IK_ACCESS_SUITES; id++)
        if (ik_cipher_suite_supported(id))
            a->lan.suite_priv[id] = IK_PRIV_ADMIN;

    a->security.auth15 = IK_AUTHCAP_MD5;
    for (int i = 0; i < 5; i++)
        a->lan.auth_enables[i] = a->security.auth15;
    a->security.v20 = true;
    a->security.lockout_attempts = 5;
    a->security.lockout_window_s = 60;
    a->security.lockout_s = 60;
    a->security.session_timeout_s = 60;
    a->security.half_open_timeout_s = 4;
}
