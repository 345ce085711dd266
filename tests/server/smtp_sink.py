#!/usr/bin/python3
"""A real SMTP server for the mail tests and the send benchmark (Debian's python3-aiosmtpd).

Every accepted message is written byte for byte as one file in <maildir>/new (Maildir layout, tmp/new/cur),
so tests can assert on exactly what arrived. Behaviour switches, read per command:
  RCPT to reject...@  -> 550 5.1.1 (permanent)
  RCPT to busy...@    -> 451 4.3.0 while the file <maildir>/busy exists (temporary)
  --user/--password   -> AUTH PLAIN/LOGIN required (allowed without TLS: loopback only)
  --delay-ms N        -> each DATA takes N ms (a batch long enough to be interrupted)
  --count-only        -> do not write files, only count (the benchmark's sink); prints the count on exit
Prints "READY" on stdout once it accepts connections; stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import os
import signal
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, maildir, delay_ms, count_only):
        self.maildir = maildir
        self.delay = delay_ms / 1000.0
        self.count_only = count_only
        self.count = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % address
        if local.startswith("busy") and os.path.exists(os.path.join(self.maildir, "busy")):
            return "451 4.3.0 <%s>: Mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.count += 1
        if not self.count_only:
            name = "%d.%d.%d.sink" % (time.time_ns(), os.getpid(), self.count)
            tmp = os.path.join(self.maildir, "tmp", name)
            with open(tmp, "wb") as f:
                f.write(envelope.original_content)
            os.rename(tmp, os.path.join(self.maildir, "new", name))
        return "250 2.0.0 Ok: queued as %d" % self.count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildir", required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--delay-ms", type=int, default=0)
    p.add_argument("--count-only", action="store_true")
    a = p.parse_args()

    sink = Sink(a.maildir, a.delay_ms, a.count_only)
    kwargs = {}
    if a.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == a.user.encode() and \
                auth_data.password == a.password.encode()
            # handled=False: aiosmtpd answers "535 5.7.8 Authentication credentials invalid" itself
            return AuthResult(success=ok, handled=False)
        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(sink, hostname="127.0.0.1", port=a.port, data_size_limit=64 * 1024 * 1024,
                            decode_data=False, **kwargs)
    controller.start()
    print("READY", flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    while not done.wait(0.2):
        pass
    controller.stop()
    if a.count_only:
        print("COUNT %d" % sink.count, flush=True)


if __name__ == "__main__":
    main()
