"""What a learner and a projector see: every app fits its output area, keeps its main control, status and
picture on one screen, is drawn at full size (so no figure text falls below 10 CSS px), and answers the keyboard.

Two windows: a laptop at 1366×768 with JupyterLab's file browser open, and a classroom projector at 1024×768
with the left area closed. Shares the server and browser helpers of ``test_browser.py``.
"""

from __future__ import annotations

import time

import pytest
from test_browser import SCREENSHOTS, SEL_HANDLE, SEL_IMAGE, SEL_STATUS, require_browser, run_notebook_in_lab

pytestmark = pytest.mark.browser

#: (class, arguments, label of the main control's slider; None: the app has no slider)
APPS = [
    ("FitByHand", "x, y", "w (slope)"),
    ("LearningRateExplorer", "x, y", "η (learning rate)"),
    ("LossExplorer", "x, y", "outlier (sd of y)"),
    ("GradientComparison", "x, y", "η (both)"),
    ("ConditioningExplorer", "", "scale"),
    ("SGDExplorer", "x, y", "η₀ (learning rate)"),
    ("MomentumExplorer", "", "β (momentum)"),
    ("DegreeExplorer", "", "polynomial degree"),
    ("RidgeExplorer", "", "α (ridge penalty)"),
    ("FeaturePicker", "", None),
]

WINDOWS = {"laptop 1366x768, file browser open": (1366, 768, True),
           "projector 1024x768, left area closed": (1024, 768, False)}

MEASURE = """(out) => {
  const box = out.querySelector('.jupyter-widgets');
  const img = out.querySelector('img.lrcore-picture');
  const status = out.querySelector('.lrcore-status b');
  const control = out.querySelector('.lrcore-slider') || out.querySelector('.widget-checkbox');
  const notebook = document.querySelector('.jp-NotebookPanel-notebook').getBoundingClientRect();
  const top = Math.min(control.getBoundingClientRect().top, status.getBoundingClientRect().top);
  const bottom = Math.max(img.getBoundingClientRect().bottom, status.getBoundingClientRect().bottom,
                          control.getBoundingClientRect().bottom);
  return {output_width: out.getBoundingClientRect().width, app_width: box.scrollWidth,
          image_shown: img.getBoundingClientRect().width, image_pixels: img.naturalWidth,
          span: bottom - top, visible: notebook.height};
}"""


def _apps_notebook(path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import lrcore as lr\n\nx, y = lr.make_line_data(x_range=(-2.5, 2.5))")]
    for i, (cls, args, _) in enumerate(APPS, start=1):
        nb.cells.append(nbformat.v4.new_code_cell(f"app{i} = lr.widgets.{cls}({args})\napp{i}"))
    nbformat.write(nb, path)


@pytest.mark.parametrize("window", list(WINDOWS))
def test_every_app_fits_the_window_at_full_size(window, tmp_path):
    require_browser()
    SCREENSHOTS.mkdir(exist_ok=True)
    width, height, file_browser = WINDOWS[window]
    notebook = tmp_path / "apps.ipynb"
    _apps_notebook(notebook)
    with run_notebook_in_lab(notebook, viewport=(width, height)) as nb:
        page = nb.page
        if not file_browser:
            page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
        page.wait_for_function("(open) => !!document.querySelector('#filebrowser:not(.lm-mod-hidden)') === open",
                               arg=file_browser, timeout=10_000)
        time.sleep(0.5)  # let the notebook re-flow to its new width
        problems = []
        for i, (cls, _, _) in enumerate(APPS, start=1):
            output = nb.cell_output(i)
            nb.wait_rendered(output) if APPS[i - 1][2] else output.locator(SEL_IMAGE).wait_for()
            output.scroll_into_view_if_needed()
            m = output.evaluate(MEASURE)
            if m["app_width"] > m["output_width"] + 1:
                problems.append(f"{cls}: {m['app_width']:.0f} px wide in a {m['output_width']:.0f} px output area")
            if m["image_shown"] < m["image_pixels"] - 1:
                problems.append(f"{cls}: picture shrunk to {m['image_shown'] / m['image_pixels']:.0%} "
                                "(its smallest text would fall below 10 px)")
            if m["span"] > m["visible"]:
                problems.append(f"{cls}: control, status and picture span {m['span']:.0f} px, "
                                f"more than the {m['visible']:.0f} px of notebook on screen")
            output.screenshot(path=str(SCREENSHOTS / f"layout_{width}_{cls}.png"))
        assert not problems, "\n".join(problems)


def test_feature_picker_and_sliders_answer_the_keyboard(tmp_path):
    """Tab reaches each checkbox and Space ticks it; arrow keys on a slider move it, a burst of presses ends on
    the frame of the last value (the status names the same η as the readout)."""
    require_browser()
    notebook = tmp_path / "apps.ipynb"
    _apps_notebook(notebook)
    with run_notebook_in_lab(notebook, viewport=(1366, 768)) as nb:
        page = nb.page
        picker = nb.cell_output(len(APPS))
        first = picker.locator(".widget-checkbox input").first
        first.scroll_into_view_if_needed()
        first.focus()
        status = picker.locator(SEL_STATUS).last.inner_text()
        page.keyboard.press("Space")
        nb.wait_idle()
        assert first.is_checked() is False  # bedrooms was ticked: Space unticks it
        assert picker.locator(SEL_STATUS).last.inner_text() != status
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.closest('.widget-checkbox')?.innerText")
        assert focused and focused.strip() == "bathrooms"

        explorer = nb.cell_output(2)
        handle = nb.slider(explorer, "η (learning rate)").locator(SEL_HANDLE).first
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(12):
            page.keyboard.press("ArrowRight")
        nb.wait_idle()
        time.sleep(0.5)
        readout = nb.slider(explorer, "η (learning rate)").locator(".lrcore-readout").inner_text().strip()
        assert f"η = {readout}" in nb.status(explorer), (readout, nb.status(explorer))



def test_code_that_moves_a_displayed_app_leaves_the_page_in_step(tmp_path):
    """A cell sets a displayed app's controls several times in a row (what a chapter does to show settings, then
    reset): the page ends on the kernel's last value and status. With ipywidgets' slider and continuous_update=True
    the page stayed on the third value (β = 0.95 shown, 0.0 held): its view sent back values the kernel had set.
    The course's own slider (lrcore/widgets/_controls.js) never does, and follows a drag."""
    import nbformat

    require_browser()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import lrcore as lr\napp = lr.widgets.MomentumExplorer()\napp"),
                nbformat.v4.new_code_cell(
                    "for s, b in (('1/L', 0.5), ('1/L', 0.81), ('1/L', 0.95), ('η*', 0.67), ('η*', 0.3)):\n"
                    "    app.step_size.value, app.momentum.value = s, b\n"
                    "app.step_size.value, app.momentum.value = '1/L', 0.0"),
                nbformat.v4.new_code_cell("import time\ntime.sleep(2)\nprint(app.status)")]
    path = tmp_path / "moved.ipynb"
    nbformat.write(nb, path)
    with run_notebook_in_lab(path, viewport=(1366, 768)) as lab:
        time.sleep(1)
        app = lab.cell_output(0)
        kernel_status = lab.cell_output(2).inner_text().strip()
        readout = lab.slider(app, "β (momentum)").locator(".lrcore-readout").inner_text().strip()
        assert readout == "0.00"
        assert lab.status(app) == kernel_status
