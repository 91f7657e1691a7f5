/* SEL record codec: to be written (see the foundation issue). */
#ifndef IPMIKIT_SEL_H
#define IPMIKIT_SEL_H

#endif
