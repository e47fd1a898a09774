#!/usr/bin/env python3
"""Opens a Leverans HTML report in headless Chromium as a person would and checks it.

    check-report.py REPORT.html PORTFOLIO.json SCREENSHOT.png

Checks, each printed as it passes or fails:
- no external URL in any `src` or `href` (and no `url(` to another host in styles);
- every order id of the portfolio is in the page Chromium rendered (`--dump-dom`);
- no console message while the page loads (errors, warnings or logs from its script);
- no network request on behalf of the page: the Chromium net log is read, and every request
  whose network isolation key is the file's own (`file://`) and whose URL is not a `file:` or
  `data:` URL counts (Chromium's own background services use other keys and are ignored);
- a screenshot, kept at SCREENSHOT.png (the test suite's artefact).

Exit 0 when every check passes, 1 otherwise, 2 when Chromium is missing (then the caller
reports the test as skipped, never as passed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    report, portfolio, shot = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    browser = chromium()
    if browser is None:
        print("SKIPPED: no Chromium (install Debian's `chromium` package)")
        return 2
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    page = report.read_text(encoding="utf-8")
    external = re.findall(
        r'(?:src|href)\s*=\s*["\']?\s*((?:[a-z][a-z0-9+.-]*:)?//[^"\'\s>]*)',
        page,
        re.IGNORECASE,
    )
    check(not external, f"no external URL in src or href {external[:3]}")
    styles = re.findall(r"url\(\s*['\"]?(?:https?:)?//", page, re.IGNORECASE)
    check(not styles, "no external url() in styles")

    ids = [o["id"] for o in json.loads(portfolio.read_text(encoding="utf-8"))["orders"]]
    url = report.resolve().as_uri()
    with tempfile.TemporaryDirectory() as tmp:
        netlog = Path(tmp) / "netlog.json"
        dom = subprocess.run(
            [browser, *FLAGS, f"--log-net-log={netlog}", "--dump-dom", url],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        check(dom.returncode == 0, f"Chromium loads the page (exit {dom.returncode})")
        rendered = dom.stdout
        missing = [i for i in ids if i not in rendered]
        check(
            not missing,
            f"every order id ({len(ids)}) is in the rendered page {missing[:5]}",
        )
        check("<svg" in rendered, "the charts are in the rendered page")
        if 'id="how-sure"' in Path(report).read_text(encoding="utf-8"):
            check(
                'id="forecast"' in rendered,
                "the simulated dates' chart is in the rendered page",
            )
        console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
        check(not console, f"no console message {console[:3]}")
        requests = set()
        events = json.loads(netlog.read_text())["events"] if netlog.exists() else []
        for e in events:
            p = e.get("params", {})
            key = str(p.get("network_isolation_key", ""))
            target = str(p.get("url", ""))
            if (
                key.startswith("file://")
                and target
                and not target.startswith(("file:", "data:"))
            ):
                requests.add(target)
        check(netlog.exists(), "Chromium wrote its net log")
        check(not requests, f"no network request from the page {sorted(requests)[:3]}")
    shot.parent.mkdir(parents=True, exist_ok=True)
    snap = subprocess.run(
        [
            browser,
            *FLAGS,
            "--window-size=1400,2400",
            f"--screenshot={shot.resolve()}",
            url,
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    check(
        snap.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000,
        f"screenshot {shot}",
    )
    print(f"{len(failures)} failed" if failures else "report checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
