"""End-to-end check of the widget apps in a real JupyterLab, driven by headless Chromium.

The other tests drive the apps from Python. This one checks what a student
sees: JupyterLab renders every app's widget (sliders, image, status line),
running the notebook raises no error, and moving a slider with the keyboard
makes the kernel redraw the figure and rewrite the status line.

Needs ``/usr/bin/chromium`` and the ``playwright`` package (extra ``e2e``);
playwright's own browser download is not used. Without them the tests are
skipped, unless ``LRCORE_REQUIRE_BROWSER=1`` is set (CI), in which case they
fail. Screenshots go to ``tests/screenshots/`` (git-ignored).

Run: ``LRCORE_REQUIRE_BROWSER=1 python -m pytest tests/test_browser.py -p no:nbval -v``

The helpers (:func:`run_notebook_in_lab`, :class:`LabNotebook`) open any
notebook in JupyterLab, Run All Cells and give access to the rendered outputs;
``test_chapter_notebook_in_lab`` uses them on every notebook in ``notebooks/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

# Every wait is bounded, so a test can fail but never hang.
SERVER_TIMEOUT = 30.0  # JupyterLab answering HTTP
KERNEL_TIMEOUT = 60.0  # page loaded and kernel idle
RUN_ALL_TIMEOUT = 90.0  # Run All Cells finished and widgets rendered
UPDATE_TIMEOUT = 30.0  # one slider move answered by the kernel
STOP_TIMEOUT = 10.0  # server exits after SIGTERM

pytestmark = pytest.mark.browser

# CSS selectors (checked against JupyterLab 4.6 / ipywidgets 8.1).
SEL_KERNEL_STATUS = ".jp-StatusBar-TextItem[title^='Change kernel']"  # "Python 3 (ipykernel) | Idle"
SEL_CODE_CELL = ".jp-Notebook .jp-CodeCell"
SEL_PROMPT = ".jp-InputPrompt"  # "[ ]:", "[*]:", "[3]:"
# Top-level outputs only (an ipywidgets Output widget holds nested output areas).
SEL_OUTPUT = ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output"
SEL_SLIDER = ".lrcore-slider"  # label + range input + readout of one slider (lrcore/widgets/_controls.js)
SEL_HANDLE = "[role=slider]"  # focusable; ArrowLeft/Right, PageUp/Down, Home, End
SEL_IMAGE = "img.lrcore-picture"  # src is a fresh blob: URL after every update; alt follows the status
SEL_STATUS = ".lrcore-status b"  # the apps' status line as shown (a hidden live region announces it)
SEL_LIVE = ".lrcore-status [role=status]"  # the polite live region: the status once it has rested 0.5 s
# JupyterLab 4.6 renders error outputs with this stderr mime type too; the error mime type is kept for the
# DOM fallback of LabNotebook.error_outputs (the notebook model, read via window.jupyterapp, is preferred).
SEL_ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
SEL_STDERR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


class BrowserUnavailable(Exception):
    """Chromium or playwright is missing."""


class KernelNotReady(Exception):
    """The server, page or kernel did not come up in time; worth one retry of the whole session."""


def require_browser():
    """Skip the test when no browser can be driven, or fail when LRCORE_REQUIRE_BROWSER=1."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package is not installed (pip install -e '.[e2e]')")
    if missing:
        reason = "browser test needs " + "; ".join(missing)
        if os.environ.get("LRCORE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " and LRCORE_REQUIRE_BROWSER=1 is set", pytrace=False)
        pytest.skip(reason)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(condition, timeout, message, interval=0.1):
    """Poll ``condition()`` until it returns something truthy; raise TimeoutError(message) after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{message} (waited {timeout:.0f} s)")
        time.sleep(interval)


# --------------------------------------------------------------------------- server


def _write_lab_settings(settings_dir: Path):
    """No news / update prompt, no autosave (the notebook is a copy anyway), every cell rendered."""
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for name, value in settings.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


class LabServer:
    """A throw-away JupyterLab server serving ``root_dir``, with its own HOME and config dirs."""

    def __init__(self, root_dir: Path, work_dir: Path):
        self.root_dir = Path(root_dir)
        self.work_dir = Path(work_dir)
        self.port = _free_port()
        self.token = os.urandom(12).hex()
        self.process = None
        self.log_path = self.work_dir / "jupyterlab.log"

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path):
        return f"{self.base_url}/{path.lstrip('/')}?token={self.token}"

    def start(self):
        home = self.work_dir / "home"
        settings_dir = home / "lab-user-settings"
        _write_lab_settings(settings_dir)
        env = dict(
            os.environ,
            HOME=str(home),
            JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
            JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
            JUPYTER_RUNTIME_DIR=str(home / ".local/share/jupyter/runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
            PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
            PYTHONUNBUFFERED="1",
            MPLBACKEND="agg",
        )
        env.pop("JUPYTER_PATH", None)
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.user_settings_dir={settings_dir}", f"--LabApp.workspaces_dir={home / 'lab-workspaces'}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: read the notebook model for errors
        ]
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(cmd, env=env, cwd=self.root_dir, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

        def answers():
            if self.process.poll() is not None:
                raise KernelNotReady(f"JupyterLab exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=2) as response:
                    return response.status == 200
            except OSError:
                return False

        try:
            _wait_until(answers, SERVER_TIMEOUT, "JupyterLab did not answer", interval=0.2)
        except TimeoutError as exc:
            raise KernelNotReady(f"{exc}\n{self.log_tail()}") from exc

    def stop(self):
        """SIGTERM, then SIGKILL on timeout; then kill anything left in its process group (its kernels)."""
        if self.process is None:
            return
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(STOP_TIMEOUT)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)  # the group of the server started above
        finally:
            self._log.close()
            self.process = None

    def log_tail(self, n=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


# --------------------------------------------------------------------------- page


class LabNotebook:
    """One notebook open in JupyterLab in a playwright page, with helpers to read and drive its outputs."""

    def __init__(self, page, server: LabServer, name: str):
        self.page = page
        self.server = server
        self.name = name
        self.console_errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))

    # -- state ------------------------------------------------------------
    def kernel_status(self):
        """Status bar text such as 'Python 3 (ipykernel) | Idle' ('' while the page is loading)."""
        item = self.page.locator(SEL_KERNEL_STATUS)
        return item.first.inner_text(timeout=2000).strip() if item.count() else ""

    def kernel_idle(self):
        text = self.kernel_status()
        return text.endswith("| Idle") and not text.startswith("No Kernel")

    def prompts(self):
        return [p.strip() for p in self.page.locator(f"{SEL_CODE_CELL} {SEL_PROMPT}").all_inner_texts()]

    def wait_idle(self, timeout=UPDATE_TIMEOUT):
        """Kernel idle and no cell queued or running, seen twice in a row 0.2 s apart."""
        def settled():
            return self.kernel_idle() and not any("*" in p for p in self.prompts())
        _wait_until(lambda: settled() and (time.sleep(0.2) or settled()), timeout,
                    f"kernel not idle; status bar says {self.kernel_status()!r}")

    # -- opening and running -----------------------------------------------
    def open(self):
        """Load the notebook page and wait until its kernel is idle (KernelNotReady otherwise)."""
        page = self.page
        try:
            page.goto(self.server.url(f"lab/tree/{self.name}"), wait_until="domcontentloaded",
                      timeout=KERNEL_TIMEOUT * 1000)
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT * 1000)
            deadline = time.monotonic() + KERNEL_TIMEOUT
            while not self.kernel_idle():
                self._accept_kernel_dialog()
                if time.monotonic() > deadline:
                    raise TimeoutError(f"status bar says {self.kernel_status()!r}")
                time.sleep(0.2)
        except Exception as exc:  # playwright TimeoutError or ours
            raise KernelNotReady(f"notebook {self.name} or its kernel did not become ready: {exc}\n"
                                 f"server log:\n{self.server.log_tail()}") from exc

    def _accept_kernel_dialog(self):
        """A notebook without kernelspec metadata asks which kernel to start: take the default."""
        dialog = self.page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            with contextlib.suppress(Exception):
                dialog.first.click(timeout=2000)

    def run_all(self, timeout=RUN_ALL_TIMEOUT):
        """Run > Run All Cells, then wait until every cell ran (or one failed) and the kernel is idle."""
        page = self.page
        cells = [c for c in (self.notebook_json() or {}).get("cells", []) if c.get("cell_type") == "code"]
        # Empty code cells are not sent to the kernel and keep "[ ]:"; watch the first non-empty one.
        first = next((i for i, c in enumerate(cells) if "".join(c.get("source", "")).strip()), None)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).first.click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).first.click()
        if first is None:
            return

        # The copy was opened without outputs, so all prompts start as "[ ]:". Run All marks every cell
        # "[*]:" at once and numbers each as it finishes; after an error the rest go back to "[ ]:".
        # So: done when the first non-empty code cell has a number, none is queued and the kernel is idle.
        def finished():
            prompts = self.prompts()
            return (len(prompts) > first and re.search(r"\d", prompts[first])
                    and not any("*" in p for p in prompts) and self.kernel_idle())
        _wait_until(lambda: finished() and (time.sleep(0.3) or finished()), timeout,
                    f"Run All did not finish; prompts {self.prompts()}", interval=0.25)

    # -- outputs -------------------------------------------------------------
    def notebook_json(self):
        """The open notebook as nbformat JSON, read from JupyterLab's model (None if not found)."""
        return self.page.evaluate(
            """(name) => {
                const app = window.jupyterapp;
                if (!app) return null;
                for (const w of app.shell.widgets('main')) {
                    if (w.context && w.context.path.split('/').pop() === name && w.content && w.content.model) {
                        return w.content.model.toJSON();
                    }
                }
                return null;
            }""",
            self.name,
        )

    def error_outputs(self):
        """One line per error: error outputs in the notebook model, tracebacks on stderr, widget render failures.

        JupyterLab renders an error output as ``application/vnd.jupyter.stderr``, like text printed to
        stderr, so the DOM alone cannot tell a SyntaxError (no "Traceback" in its text) from a warning;
        the model can.
        """
        page = self.page
        errors = []
        model = self.notebook_json()
        for i, cell in enumerate((model or {}).get("cells", [])):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    errors.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    text = "".join(out.get("text", ""))
                    if "Traceback" in text:
                        errors.append(f"cell {i}: stderr: {text[-500:]}")
        if model is None:  # no model access: fall back to the DOM
            errors += page.locator(SEL_ERROR_OUTPUT).all_inner_texts()
            errors += [t for t in page.locator(SEL_STDERR_OUTPUT).all_inner_texts() if "Traceback" in t]
        errors += [t for t in page.locator(".jp-OutputArea-output").all_inner_texts()
                   if "Error displaying widget" in t or "Error rendering" in t]
        return errors

    def wait_widgets_rendered(self, timeout=RUN_ALL_TIMEOUT):
        """Wait until every widget output in the notebook model has a rendered view in the page."""
        model = self.notebook_json() or {}
        expected = sum("application/vnd.jupyter.widget-view+json" in out.get("data", {})
                       for cell in model.get("cells", []) for out in cell.get("outputs", []))
        rendered = self.page.locator(f"{SEL_OUTPUT}:has(> .jupyter-widgets)")
        _wait_until(lambda: rendered.count() >= expected, timeout,
                    f"only {rendered.count()} of {expected} widget outputs rendered")
        return expected

    def cell_output(self, index):
        """The first top-level output of code cell ``index`` (0-based)."""
        return self.page.locator(SEL_CODE_CELL).nth(index).locator(SEL_OUTPUT).first

    def app_outputs(self):
        """Top-level outputs showing a live app: at least one slider and an image."""
        page = self.page
        return page.locator(SEL_OUTPUT).filter(has=page.locator(SEL_SLIDER)).filter(
            has=page.locator(SEL_IMAGE)).all()

    def wait_rendered(self, output, timeout=RUN_ALL_TIMEOUT):
        """Wait until an app output shows a slider handle, an image with a src and a status line."""
        output.locator(f"{SEL_SLIDER} {SEL_HANDLE}").first.wait_for(timeout=timeout * 1000)
        _wait_until(lambda: (self.image_src(output) or "").startswith(("blob:", "data:")), timeout,
                    "app image has no src")
        if output.locator(SEL_STATUS).count():
            _wait_until(lambda: self.status(output), timeout, "app status line is empty")

    @staticmethod
    def image_src(output):
        image = output.locator(SEL_IMAGE)
        return image.first.get_attribute("src", timeout=5000) if image.count() else None

    @staticmethod
    def status(output):
        """The app's status line (bold HTML widget), or '' if it has none."""
        status = output.locator(SEL_STATUS)
        return status.last.inner_text(timeout=5000).strip() if status.count() else ""

    def image_digest(self, output):
        """Length and a cheap hash of the bytes behind the image's blob URL, to tell a redrawn figure."""
        return output.locator(SEL_IMAGE).first.evaluate(
            """async (img) => {
                const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
                let h = 2166136261;
                for (let i = 0; i < bytes.length; i++) { h = Math.imul(h ^ bytes[i], 16777619) >>> 0; }
                return bytes.length + ':' + h.toString(16);
            }"""
        )

    @staticmethod
    def slider(output, label=None):
        """The slider whose description label matches ``label`` (str: exact text; None: the first slider)."""
        sliders = output.locator(SEL_SLIDER)
        if label is not None:
            sliders = sliders.filter(has=output.page.locator(".lrcore-label", has_text=re.compile(
                "^" + re.escape(label) if isinstance(label, str) else label)))
        return sliders.first

    def move_slider(self, output, label=None, keys=("ArrowRight",), until=None, timeout=UPDATE_TIMEOUT):
        """Focus the slider's handle, press ``keys``, wait for the kernel's answer; return (before, after).

        ``before``/``after`` are dicts with the status, image src and readout. Waits until the status
        differs from before (or, if ``until`` is given, until ``until(status)`` is true), then until the
        kernel is idle and the image src has changed.
        """
        slider = self.slider(output, label)
        before = self._snapshot(output, slider)
        handle = slider.locator(SEL_HANDLE).first
        handle.scroll_into_view_if_needed(timeout=timeout * 1000)
        handle.focus(timeout=timeout * 1000)
        for key in keys:
            handle.press(key, timeout=timeout * 1000)
        has_status = bool(before["status"])
        done = until or (lambda s: s != before["status"])
        if has_status:
            _wait_until(lambda: done(self.status(output)), timeout,
                        f"status did not change from {before['status']!r} (now {self.status(output)!r})")
        self.wait_idle(timeout)
        _wait_until(lambda: self.image_src(output) != before["src"], timeout, "image src did not change")
        after = self._snapshot(output, slider)
        return before, after

    def _snapshot(self, output, slider):
        readout = slider.locator(".lrcore-readout")
        return {
            "status": self.status(output),
            "src": self.image_src(output),
            "readout": readout.first.inner_text(timeout=5000).strip() if readout.count() else None,
        }

    # -- screenshots -------------------------------------------------------
    def screenshot_full(self, path):
        """The whole notebook: grow the viewport to the notebook's height, shoot, restore."""
        page = self.page
        size = page.viewport_size
        height = page.evaluate(
            """() => {
                const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')
                    || document.querySelector('.jp-NotebookPanel-notebook');
                if (!outer) return 0;
                outer.scrollTop = 0;
                return outer.scrollHeight + outer.getBoundingClientRect().top + 60;
            }"""
        )
        try:
            page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), 12000))})
            page.wait_for_timeout(300)
            page.screenshot(path=str(path))
        finally:
            page.set_viewport_size(size)


def _write_without_outputs(source: Path, target: Path):
    """Copy a notebook with outputs and execution counts cleared, so Run All starts from blank prompts."""
    import nbformat

    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                          "language": "python"})
    nbformat.write(nb, target)


@contextlib.contextmanager
def run_notebook_in_lab(notebook_path, *, copy_dir=False, run_all=True, viewport=(1400, 1000), retries=1):
    """Open a copy of ``notebook_path`` in a fresh JupyterLab + headless Chromium; yield a :class:`LabNotebook`.

    The notebook (with its whole folder if ``copy_dir``, for notebooks reading files next to them) is
    copied to a temporary directory, so nothing in the repository is written. If ``run_all``, runs
    Run All Cells and waits until it is finished before yielding. The whole session is retried
    ``retries`` times if the server, page or kernel never becomes ready. Browser and server are
    always stopped on exit.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    notebook_path = Path(notebook_path)
    for attempt in range(retries + 1):
        work = Path(tempfile.mkdtemp(prefix="lrcore-lab-"))
        root = work / "root"
        if copy_dir:
            shutil.copytree(notebook_path.parent, root,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            root.mkdir()
        _write_without_outputs(notebook_path, root / notebook_path.name)
        server = LabServer(root, work)
        try:
            with sync_playwright() as pw:
                browser = None
                try:
                    server.start()
                    browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
                    page.set_default_timeout(UPDATE_TIMEOUT * 1000)
                    nb = LabNotebook(page, server, notebook_path.name)
                    nb.open()
                    if run_all:
                        nb.run_all()
                        nb.wait_widgets_rendered()
                    ready = True
                except KernelNotReady as exc:
                    if attempt == retries:
                        raise
                    # Visible in pytest's warnings summary, so a flaky start does not go unnoticed.
                    warnings.warn(f"JupyterLab session not ready, retrying once: {str(exc)[:300]}", stacklevel=1)
                    ready = False
                if ready:
                    try:
                        yield nb
                    except Exception as exc:
                        # Report what the page and server said; useful when a test times out.
                        exc.add_note(f"browser console errors: {nb.console_errors[-10:]}")
                        exc.add_note(f"server log tail:\n{server.log_tail(20)}")
                        raise
                    finally:
                        with contextlib.suppress(Exception):
                            browser.close()
                    return
                if browser is not None:
                    with contextlib.suppress(Exception):
                        browser.close()
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- tests

APPS = [
    # (class, constructor args, main slider label, initial-status check)
    ("FitByHand", "x, y", "w (slope)", lambda s: s.startswith("w = ")),
    ("LearningRateExplorer", "x, y", "η (learning rate)",
     lambda s: s.startswith(("converged", "slow", "oscillating", "diverged"))),
    ("LossExplorer", "x, y", "outlier (sd of y)", lambda s: s.startswith("outlier moved by +0.00 sd")),
    ("GradientComparison", "x, y", "η (both)", lambda s: "η = " in s),
    ("ConditioningExplorer", "", "scale", lambda s: s.startswith("scale 1: κ(H) = ")),
]


def _write_apps_notebook(path: Path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import lrcore as lr\n\nx, y = lr.make_line_data(x_range=(-2.5, 2.5))")]
    for i, (cls, args, _, _) in enumerate(APPS, start=1):
        nb.cells.append(nbformat.v4.new_code_cell(f"app{i} = lr.widgets.{cls}({args})\napp{i}"))
    nbformat.write(nb, path)


def test_widget_apps_in_jupyterlab(tmp_path):
    """All five apps render in JupyterLab, and a key press on each main slider redraws the figure."""
    require_browser()
    SCREENSHOTS.mkdir(exist_ok=True)
    notebook = tmp_path / "widget_apps.ipynb"
    _write_apps_notebook(notebook)

    with run_notebook_in_lab(notebook) as nb:
        assert nb.error_outputs() == []
        outputs = [nb.cell_output(i) for i in range(1, len(APPS) + 1)]
        for (cls, _, label, status_ok), output in zip(APPS, outputs, strict=True):
            nb.wait_rendered(output)
            assert nb.slider(output, label).count() == 1, f"{cls}: no slider labelled {label!r}"
            status = nb.status(output)
            assert status_ok(status), f"{cls}: unexpected status {status!r}"
        assert len(nb.app_outputs()) == len(APPS)
        nb.screenshot_full(SCREENSHOTS / "widget_apps_full.png")

        for (cls, _, label, _), output in zip(APPS, outputs, strict=True):
            digest = nb.image_digest(output)
            before, after = nb.move_slider(output, label, keys=["ArrowRight"])
            assert after["status"] != before["status"], cls
            assert after["src"] != before["src"], f"{cls}: image not replaced"
            assert after["readout"] != before["readout"], f"{cls}: slider readout did not move"
            assert nb.image_digest(output) != digest, f"{cls}: image replaced by identical pixels"
            if cls == "LearningRateExplorer":
                # End puts the handle at the slider's max, 1.5 · 2/L: descent must blow up.
                before, after = nb.move_slider(output, label, keys=["End"],
                                               until=lambda s: s.startswith("diverged"))
                assert after["status"].startswith("diverged"), after["status"]
                assert after["src"] != before["src"]
            output.screenshot(path=str(SCREENSHOTS / f"widget_apps_{cls}.png"))

        assert nb.error_outputs() == []
        nb.screenshot_full(SCREENSHOTS / "widget_apps_full_after.png")


RAW_TEXT_OF_MARKDOWN = """() => Array.from(document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')).map((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('mjx-container, code, pre, script, .MathJax').forEach((m) => m.remove());
    return copy.textContent;
})"""
# Text a reader should never see: a TeX command (\\frac, \\lambda), a double dollar, or a dollar sign opening maths
# ($ then a letter, backslash, brace, ^ or _). Money and units stay: $540,182, k$, (thousand $)², $².
LEFTOVER_TEX = re.compile(r"\\[A-Za-z]{2,}|\$\$|\$[A-Za-z\\{^_]")


TYPESET_MATHS = """() => Array.from(document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown mjx-container'))
    .map((m) => { const c = m.cloneNode(true); c.querySelectorAll('mjx-mtext, mtext').forEach((t) => t.remove());
                  return c.textContent; })"""
# Prose or money typeset as maths (what paired dollar signs do): eight letters in a row outside \\text{…}, or an
# amount with thousands separators ("540,182)isabovethemedian(").
PROSE_AS_MATHS = re.compile(r"[A-Za-z]{8,}|\d{1,3}(?:,\d{3})+")


def prose_as_maths(nb):
    """Typeset maths (\\text{…} removed) that holds prose or money: [text]."""
    return [text for text in nb.page.evaluate(TYPESET_MATHS) if PROSE_AS_MATHS.search(text)]


def leftover_tex(nb):
    """Rendered markdown (maths and code removed) with raw TeX or a stray dollar sign: [(cell, snippet)]."""
    found = []
    for i, text in enumerate(nb.page.evaluate(RAW_TEXT_OF_MARKDOWN)):
        for m in LEFTOVER_TEX.finditer(text):
            found.append((i, text[max(0, m.start() - 30): m.end() + 30]))
    return found


def test_the_leftover_tex_detector_catches_raw_tex_and_stray_dollars():
    assert LEFTOVER_TEX.search("the slope \\frac{a}{b} shown raw")
    assert LEFTOVER_TEX.search("price $x and more")
    assert LEFTOVER_TEX.search("writes its gradient as $$ then")
    assert not LEFTOVER_TEX.search("a house at $540,182, typeset fine; prices in k$, the MSE in (thousand $)²")
    assert PROSE_AS_MATHS.search("540,182)isabovethemedian(") and PROSE_AS_MATHS.search("362,000,")
    assert not PROSE_AS_MATHS.search("y^=∑jwjxj−mjsj+b") and not PROSE_AS_MATHS.search("b=b−∑jwjmj/sj")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_notebook_in_lab(notebook):
    """A chapter notebook runs in JupyterLab without error, and every app in it answers its first slider."""
    require_browser()
    SCREENSHOTS.mkdir(exist_ok=True)
    with run_notebook_in_lab(notebook, copy_dir=True) as nb:
        assert nb.error_outputs() == [], f"{notebook.name}: error outputs"
        # MathJax typesets asynchronously: give it a few seconds before calling leftovers a failure.
        with contextlib.suppress(TimeoutError):
            _wait_until(lambda: not leftover_tex(nb), 15, "")
        assert leftover_tex(nb) == [], f"{notebook.name}: raw TeX or a stray $ in the rendered text"
        assert prose_as_maths(nb) == [], f"{notebook.name}: prose or money typeset as maths (paired dollar signs)"
        apps = nb.app_outputs()
        for output in apps:
            nb.wait_rendered(output)
        nb.screenshot_full(SCREENSHOTS / f"{notebook.stem}_full.png")
        for i, output in enumerate(apps):
            slider = nb.slider(output)
            handle = slider.locator(SEL_HANDLE).first
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            before, after = nb.move_slider(output, keys=["ArrowLeft" if at_max else "ArrowRight"])
            assert after["src"] != before["src"], f"{notebook.name}: app {i} image not replaced"
            output.screenshot(path=str(SCREENSHOTS / f"{notebook.stem}_app{i}.png"))
        assert nb.error_outputs() == [], f"{notebook.name}: error outputs after moving sliders"
