/*
 * The capacity benchmark's physical baseline: a minimal UDP relay. Every datagram received on
 * 127.0.0.1:<port> is sent on to each destination port (127.0.0.1) in turn, as an SFU forwards one
 * packet to several subscribers, with nothing else done (no SRTP, no RTP parsing). Built by
 * infra/bench/capacity/relays.ts with the system compiler: cc -O2 -o relay relay.c
 * Usage: relay <port> <destination port>...
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_DESTINATIONS 64

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <port> <destination port>...\n", argv[0]);
    return 2;
  }
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) {
    perror("socket");
    return 1;
  }
  int buffer = 4 * 1024 * 1024;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
  struct sockaddr_in local = {0};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  local.sin_port = htons((unsigned short)atoi(argv[1]));
  if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
    perror("bind");
    return 1;
  }
  int count = argc - 2;
  if (count > MAX_DESTINATIONS) count = MAX_DESTINATIONS;
  struct sockaddr_in destinations[MAX_DESTINATIONS];
  for (int i = 0; i < count; i++) {
    destinations[i] = local;
    destinations[i].sin_port = htons((unsigned short)atoi(argv[i + 2]));
  }
  unsigned char packet[2048];
  for (;;) {
    ssize_t length = recv(fd, packet, sizeof packet, 0);
    if (length < 0) continue;
    for (int i = 0; i < count; i++) sendto(fd, packet, (size_t)length, 0, (struct sockaddr *)&destinations[i], sizeof destinations[i]);
  }
}
