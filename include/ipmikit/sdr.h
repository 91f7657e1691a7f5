/* SDR record codec: to be written (see the foundation issue). */
#ifndef IPMIKIT_SDR_H
#define IPMIKIT_SDR_H

#endif
