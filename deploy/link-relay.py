#!/usr/bin/env python3
"""The network between two federated platforms on one machine: relays TCP from 127.0.0.1:LISTEN to 127.0.0.1:TARGET.
deploy/federation.sh starts one per direction of a link and kills it to cut the link: a connect is then refused, as
on a lost network.  Usage: link-relay.py LISTEN TARGET"""
import asyncio
import sys


async def pump(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def relay(target, inbound_reader, inbound_writer):
    try:
        outbound_reader, outbound_writer = await asyncio.open_connection("127.0.0.1", target)
    except OSError:
        inbound_writer.close()
        return
    await asyncio.gather(pump(inbound_reader, outbound_writer), pump(outbound_reader, inbound_writer))


async def main(listen, target):
    server = await asyncio.start_server(lambda r, w: relay(target, r, w), "127.0.0.1", listen, reuse_address=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
