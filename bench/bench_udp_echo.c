/*
 * bench_udp_echo: the smallest UDP server there is, for bench/lan.sh: one blocking socket,
 * every datagram sent straight back. Its CPU per datagram is the kernel's floor on this
 * machine (wake-up, receive, send); an IPMI server's cost above it is what its code adds.
 *
 *   bench_udp_echo PORT     (127.0.0.1 only; runs until killed)
 */
#include <stdio.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
    struct sockaddr_in a = {.sin_family = AF_INET};
    int port = argc == 2 ? atoi(argv[1]) : 0;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (port <= 0 || port > 65535 || fd < 0) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        perror("bench_udp_echo: bind");
        return 1;
    }
    for (;;) {
        unsigned char buf[2048];
        struct sockaddr_in from;
        socklen_t fl = sizeof(from);
        ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
        if (n > 0)
            sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
    }
}
