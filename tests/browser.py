"""Headless Chromium for tests that look at a page the way a reader's browser does.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``), driven by Playwright, whose
Node driver comes inside its wheel. Playwright's own browser download (``playwright
install``) is never used. Where Chromium is missing it is installed with
``apt-get install -y chromium`` (as root, where apt-get exists; ``apt-get update`` first
only if that install fails); a test that needs it is skipped, with the reason, only where
it cannot be installed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",  # the tests run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Launch flags that work as root on a machine without a display or a network."""


def _located() -> str | None:
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return str(DEBIAN_CHROMIUM)
    return shutil.which("chromium")


async def _apt_get(*arguments: str) -> tuple[int, str]:
    """Run apt-get without questions; its exit code and the end of its output."""
    process = await asyncio.create_subprocess_exec(
        "apt-get",
        *arguments,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode(errors="replace")[-1500:]


async def _install() -> str:
    """Install Debian's chromium; why it could not be, or an empty string."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "only root may install it with apt-get, and the tests do not run as root"
    if shutil.which("apt-get") is None:
        return "there is no apt-get on this machine to install it with"
    code, output = await _apt_get("install", "-y", "chromium")
    if code != 0:
        code, output = await _apt_get("update")
        if code == 0:
            code, output = await _apt_get("install", "-y", "chromium")
    return f"apt-get install -y chromium failed:\n{output}" if code != 0 else ""


async def chromium_executable() -> str:
    """Chromium's path, installed first if it is missing; skips the test where it cannot be."""
    path = _located()
    if path is None:
        reason = await _install()
        path = _located()
        if path is None:
            pytest.skip(
                f"Chromium is not installed ({DEBIAN_CHROMIUM}) and could not be: "
                + (reason or "apt-get installed no chromium executable")
            )
    return path


@asynccontextmanager
async def headless_chromium() -> AsyncIterator[Browser]:
    """A headless Chromium (each launch with a fresh, throw-away profile)."""
    executable = await chromium_executable()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=FLAGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()
