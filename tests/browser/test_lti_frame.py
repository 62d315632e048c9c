"""Opened from Canvas, in Chromium: the sandbox's "Canvas course" page launches the dashboard in
its frame, the way Canvas' navigation does. The first launch asks Canvas once, in a new tab; the
second is instant; a course launch lands on the course; another teacher in the same browser
inherits nothing. The framed pages pass axe and work by keyboard."""
from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect

from lor_dashboard.run import register_with_sandbox
from lor_dashboard.sandbox.seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET

from ..servers import Dashboard
from .a11y import assert_accessible

MARIA, JAMES = "María Hernández", "James Okafor"
COURSE = "Grade 7 Science — Period 2"


@pytest.fixture
def installed(sandbox_server, tmp_path):
    """The dashboard as `make run` sets it up beside the sandbox: Canvas OAuth, LTI registered."""
    sandbox_server.reset()
    env = {"LOR_BASE_URL": sandbox_server.url, "CANVAS_BASE_URL": sandbox_server.url,
           "CANVAS_CLIENT_ID": CANVAS_CLIENT_ID, "CANVAS_CLIENT_SECRET": CANVAS_CLIENT_SECRET,
           "LTI_CANVAS_ORIGINS": sandbox_server.url, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    dashboard = Dashboard(**env)
    register_with_sandbox(sandbox_server.url, dashboard.url, dashboard.env, stop=threading.Event())
    yield sandbox_server
    dashboard.stop()


def open_course(page, sandbox) -> None:
    page.goto(f"{sandbox.url}/sandbox/canvas-course")


def launch_in_frame(page, name: str, where: str = COURSE):
    page.get_by_role("link", name=f"As {name}: in this frame, from {where}").click()
    return page.frame_locator('iframe[name="tool-frame"]')


def approve_first_launch(page, frame, name: str):
    with page.context.expect_page() as opened:
        frame.get_by_role("link", name=re.compile("Continue in a new tab")).click()
    tab = opened.value
    tab.get_by_role("button", name=f"Authorize as {name}").click()
    return tab


def test_the_first_launch_asks_canvas_once_in_a_new_tab(page, installed):
    open_course(page, installed)
    frame = launch_in_frame(page, MARIA)
    tab = approve_first_launch(page, frame, MARIA)
    expect(tab.get_by_role("heading", level=2, name=re.compile(COURSE))).to_be_visible()


def test_the_second_launch_needs_no_sign_in_step(page, installed):
    open_course(page, installed)
    approve_first_launch(page, launch_in_frame(page, MARIA), MARIA).close()
    frame = launch_in_frame(page, MARIA)
    expect(frame.get_by_role("heading", level=2, name=re.compile(COURSE))).to_be_visible()


def test_a_course_launch_puts_that_course_first(page, installed):
    open_course(page, installed)
    approve_first_launch(page, launch_in_frame(page, MARIA), MARIA).close()
    frame = launch_in_frame(page, MARIA)
    expect(frame.locator("section.course-group").first).to_contain_text("the course you opened this from")


def test_a_global_navigation_launch_lands_on_the_overview(page, installed):
    open_course(page, installed)
    approve_first_launch(page, launch_in_frame(page, MARIA), MARIA).close()
    frame = launch_in_frame(page, MARIA, "the global navigation")
    expect(frame.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_another_teacher_in_the_same_browser_sees_nothing_of_the_first(page, installed):
    open_course(page, installed)
    approve_first_launch(page, launch_in_frame(page, MARIA), MARIA).close()
    expect(launch_in_frame(page, MARIA).get_by_text(MARIA)).to_be_visible()  # Maria is in, in the frame
    frame = launch_in_frame(page, JAMES, "US History")
    expect(frame.get_by_role("heading", level=1)).to_have_text("One step before the first use")
    expect(frame.get_by_text(MARIA)).to_have_count(0)


def test_the_framed_pages_pass_axe(page, installed):
    open_course(page, installed)
    frame = launch_in_frame(page, MARIA)
    # (not just any h1: the platform's own "Opening LOR Dashboard…" page comes first)
    expect(frame.get_by_role("heading", level=1)).to_have_text("One step before the first use")
    assert_accessible(page.frame(name="tool-frame"))


def test_the_framed_updates_pass_axe(page, installed):
    open_course(page, installed)
    approve_first_launch(page, launch_in_frame(page, MARIA), MARIA).close()
    frame = launch_in_frame(page, MARIA)
    expect(frame.get_by_role("heading", level=2, name=re.compile(COURSE))).to_be_visible()
    assert_accessible(page.frame(name="tool-frame"))


def test_continue_in_a_new_tab_works_by_keyboard(page, installed):
    open_course(page, installed)
    frame = launch_in_frame(page, MARIA)
    link = frame.get_by_role("link", name=re.compile("Continue in a new tab"))
    link.focus()
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    expect(opened.value.get_by_role("button", name=f"Authorize as {MARIA}")).to_be_visible()


def test_the_framed_header_is_compact(page, installed):
    open_course(page, installed)
    approve_first_launch(page, launch_in_frame(page, MARIA), MARIA).close()
    frame = launch_in_frame(page, MARIA)
    expect(frame.locator("header.site-header.framed")).to_be_visible()
