import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';
import { afterAll } from 'vitest';

/**
 * A DNS server on a free loopback UDP port (dns2) that answers TXT queries from `records` (name →
 * texts; a test adds to it as it goes) and nothing else. `server` is the "127.0.0.1:port" to give
 * as the DNS server (KREDO_DNS_SERVERS). Stopped after the file.
 */
export async function startDnsServer(): Promise<{ server: string; records: Map<string, string[]> }> {
  const records = new Map<string, string[]>();
  const { Packet } = dns2;
  const udp = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    for (const question of request.questions) {
      const texts = question.type === Packet.TYPE.TXT ? records.get(question.name.toLowerCase()) : undefined;
      for (const text of texts ?? [])
        response.answers.push({
          name: question.name,
          type: Packet.TYPE.TXT,
          class: Packet.CLASS.IN,
          ttl: 60,
          data: text,
        } as never);
    }
    send(response);
  });
  await udp.listen(0, '127.0.0.1');
  afterAll(() => new Promise<void>((resolve) => udp.close(() => resolve())));
  return { server: `127.0.0.1:${(udp.address() as AddressInfo).port}`, records };
}
