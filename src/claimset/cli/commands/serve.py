"""`claimset serve`: look at a dataset's static site in a browser, on 127.0.0.1 only."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout, dataset directory, bundle, or a site built by "
                             "`claimset build` (default: the current checkout)")
    parser.add_argument("--port", type=int, default=8000,
                        help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")


def run(args: argparse.Namespace) -> int:
    # Imported here: `claimset --help` and `claimset serve --help` stay quick.
    from claimset.check.api import find_checkout
    from claimset.check.loader import load
    from claimset.core.errors import UsageError
    from claimset.release.site import build_site, is_site, scratch_site

    path: Path = args.path if args.path is not None else find_checkout()
    if path.is_dir() and is_site(path):
        return _serve(path, args.port, what=str(path))
    if path.is_dir() and is_site(path / "site"):  # an output folder of `claimset build`
        return _serve(path / "site", args.port, what=str(path / "site"))
    if path.is_dir() and (path / "index.html").is_file() and not (path / "dataset").exists():
        raise UsageError(f"{path} looks like a web site but not one claimset built (no "
                         "manifest.json): give a checkout, a bundle or a site from "
                         "`claimset build`", code="CS852")
    from claimset.cli._status import Status

    with Status("serve") as status:  # on a terminal only
        status.step("loading the dataset (proving every citation)")
        dataset = load(path)  # proves every citation, or says why not (exit 2)
        site = build_site(dataset, progress=status)
    with scratch_site(site) as root:
        return _serve(root, args.port, what=f"{dataset.name} {dataset.version} ({path})")


def _serve(root: Path, port: int, *, what: str) -> int:
    import signal
    import sys

    from claimset.release.site.server import address, make_server

    server = make_server(root, port=port)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # so that the temporary site is removed on the way out

    signal.signal(signal.SIGTERM, stop)
    print(f"serving the site of {what} at {address(server)} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0
