/* FRU record codec: to be written (see the foundation issue). */
#ifndef IPMIKIT_FRU_H
#define IPMIKIT_FRU_H

#endif
