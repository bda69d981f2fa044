"""``signalwire-typed emulator``: run the local RELAY emulator until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8765, help="port to listen on, 0 for any free one (default 8765)"
    )
    parser.add_argument("--project", help="accept only this project (with --token)")
    parser.add_argument("--token", help="accept only this token (with --project)")
    parser.add_argument("--tls-cert", metavar="PEM", help="certificate chain: serve wss (with --tls-key)")
    parser.add_argument("--tls-key", metavar="PEM", help="private key of --tls-cert")
    parser.add_argument(
        "--ping-interval",
        type=float,
        metavar="SECONDS",
        help="send signalwire.ping to every client this often",
    )
    parser.add_argument(
        "--rest-context",
        default="rest",
        metavar="CONTEXT",
        help="RELAY context that sees calls dialed over REST (default rest)",
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="real seconds per simulated second for timeouts and media (default 1.0)",
    )


async def _serve(args: argparse.Namespace) -> None:
    from signalwire_typed.emulator import Emulator, Timing

    emulator = Emulator(
        host=args.host,
        port=args.port,
        project=args.project,
        token=args.token,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        timing=Timing(time_scale=args.time_scale),
        ping_interval=args.ping_interval,
        rest_context=args.rest_context,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await emulator.start()
    try:
        auth = f"project {args.project} only" if args.project else "any credentials"
        control = f"{emulator.http_url}/emulator/"
        print(
            f"RELAY emulator ready on {emulator.url} (REST {emulator.http_url}/api/, control API {control}, "
            f"{auth})",
            flush=True,
        )
        await stop.wait()
    finally:
        await emulator.stop()


def run(args: argparse.Namespace) -> int:
    if (args.project is None) != (args.token is None):
        print("signalwire-typed emulator: give both --project and --token, or neither", file=sys.stderr)
        return 2
    if (args.tls_cert is None) != (args.tls_key is None):
        print("signalwire-typed emulator: give both --tls-cert and --tls-key, or neither", file=sys.stderr)
        return 2
    if args.ping_interval is not None and args.ping_interval <= 0:
        print("signalwire-typed emulator: --ping-interval must be positive", file=sys.stderr)
        return 2
    if args.time_scale < 0:
        print("signalwire-typed emulator: --time-scale must not be negative", file=sys.stderr)
        return 2
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_serve(args))
    except OSError as exc:
        print(f"signalwire-typed emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"signalwire-typed emulator: {exc}", file=sys.stderr)
        return 1
    return 0
