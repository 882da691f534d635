"""The action page in a real browser: Debian's chromium driven headless by Selenium, from the
page ``civickit page`` builds over the fixture data store (``lookup_data``), opened as a file
(as from a USB stick). Skipped with a reason where chromium or chromedriver is absent."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from support.cli import RunCli

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"

if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(
        "needs Debian's chromium and chromedriver (apt-get install chromium-driver)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the dev extra)")
from selenium.webdriver import Chrome as WebDriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402


def start_chromium(*, javascript: bool = True) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1024,900")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver: WebDriver = webdriver.Chrome(options=options, service=service)
    return driver


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def site(lookup_data: Path, tmp_path: Path, run_cli: RunCli) -> Path:
    out = tmp_path / "site"
    run_cli(["page", "--out", str(out), "--date", "2026-11-26"], expect=0)
    return out


@pytest.fixture
def page(browser: WebDriver, site: Path) -> WebDriver:
    browser.set_window_size(1024, 900)
    browser.get((site / "index.html").as_uri())
    logs(browser, "performance")  # start the request log from this page
    return browser


def logs(driver: WebDriver, kind: str) -> list[dict[str, Any]]:
    """The browser's log of ``kind`` since the last call (``performance``: its requests)."""
    entries: list[dict[str, Any]] = driver.get_log(kind)  # type: ignore[no-untyped-call]
    return entries


def find(driver: WebDriver, text: str) -> None:
    field = driver.find_element(By.ID, "place")
    field.clear()
    field.send_keys(text, Keys.ENTER)


def results(driver: WebDriver) -> WebElement:
    return driver.find_element(By.ID, "results")


def cards(driver: WebDriver) -> list[WebElement]:
    return results(driver).find_elements(By.CSS_SELECTOR, "article.official")


def attr(element: WebElement, name: str) -> str:
    return element.get_attribute(name) or ""


def summary(card: WebElement, text: str) -> WebElement:
    return next(s for s in card.find_elements(By.TAG_NAME, "summary") if s.text == text)


def test_a_single_district_zip_shows_its_officials_with_tel_links(page: WebDriver) -> None:
    find(page, "94612")
    assert "Your officials for CA-12" in results(page).text
    headings = [card.find_element(By.TAG_NAME, "h4").text for card in cards(page)]
    assert len(headings) == 3
    assert sum("Senator" in h for h in headings) == 2
    assert any("Representative" in h for h in headings)
    links = results(page).find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
    assert links
    assert all(attr(link, "href").startswith("tel:+1") for link in links)
    first = cards(page)[0]
    assert len(first.find_elements(By.CSS_SELECTOR, ".phones > a")) == 1  # the Capitol office
    summary(first, "Other offices (5)").click()
    assert len([a for a in first.find_elements(By.CSS_SELECTOR, "a") if a.is_displayed()]) == 6
    assert page.find_element(By.ID, "place-error").text == ""
    assert "enter your CA state district" in results(page).text


def test_a_split_zip_names_every_district_with_its_share(page: WebDriver) -> None:
    find(page, "10011")
    text = results(page).text
    assert "split between NY-12 (64%) and NY-10 (36%)" in text
    assert not cards(page)  # no district is guessed
    choices = results(page).find_elements(By.CSS_SELECTOR, ".choices button")
    assert [button.text for button in choices] == ["NY-12", "NY-10"]
    choices[1].click()
    assert "Your officials for NY-10" in results(page).text
    assert attr(choices[1], "aria-pressed") == "true"
    assert len(cards(page)) == 3


def test_a_vacant_district_shows_the_seat_as_vacant(page: WebDriver) -> None:
    find(page, "CA-14")
    vacant = [card for card in cards(page) if "CA-14 is vacant" in card.text]
    assert len(vacant) == 1
    assert "there is no one to write to or call" in vacant[0].text
    assert not vacant[0].find_elements(By.CSS_SELECTOR, "a[href^='tel:'], textarea")
    assert len(cards(page)) == 3  # the senators are there still
    find(page, "CA-SD-2")
    headings = [card.find_element(By.TAG_NAME, "h4").text for card in cards(page)]
    assert len(headings) == 1
    assert headings[0].startswith("Senator Mike McGuire (California Senate District 2")
    assert "state district" not in results(page).text


def test_a_page_of_some_states_says_what_it_covers(
    browser: WebDriver, lookup_data: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    run_cli(["page", "--out", str(tmp_path / "ny"), "--state", "NY"], expect=0)
    browser.get((tmp_path / "ny" / "index.html").as_uri())
    assert "For example 10001, or a district such as NY-1 or NY-2." in browser.page_source
    find(browser, "94612")
    error = browser.find_element(By.ID, "place-error").text
    assert error.startswith("ZIP 94612 is not in the ZIP table")
    assert error.endswith("This page covers NY only.")
    find(browser, "10011")
    assert "split between NY-12 (64%) and NY-10 (36%)" in results(browser).text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("00000", "ZIP 00000 is not in the ZIP table"),
        ("ZZ-99", "'ZZ-99' is not a ZIP code or a district here."),
        ("1234", "'1234' is not a ZIP code or a district here."),
    ],
)
def test_a_bad_place_is_one_clear_error(page: WebDriver, typed: str, expected: str) -> None:
    find(page, typed)
    error = page.find_element(By.ID, "place-error")
    assert expected in error.text
    assert attr(page.find_element(By.ID, "place"), "aria-invalid") == "true"
    assert not cards(page)


def test_districts_are_found_however_they_are_written(page: WebDriver) -> None:
    for typed, label in [("ca 12", "CA-12"), ("WY", "WY-AL"), ("dc", "DC"), ("CA-SD-2", "CA-SD-2")]:
        find(page, typed)
        assert f"Your officials for {label} " in results(page).text, typed


def test_the_letter_takes_what_the_visitor_types_and_nothing_leaves(page: WebDriver) -> None:
    find(page, "94612")
    card = cards(page)[0]
    summary(card, "Your letter").click()
    page.find_element(By.ID, "your-name").send_keys("Ada Lopez")
    page.find_element(By.ID, "your-street").send_keys("1 Main St")
    page.find_element(By.ID, "your-city").send_keys("Oakland, CA 94612")
    page.find_element(By.ID, "your-story").send_keys("My <b>niece</b> was misidentified.")
    letter = attr(card.find_element(By.TAG_NAME, "textarea"), "value")
    assert letter.startswith("Ada Lopez\n1 Main St\nOakland, CA 94612\n")
    assert "My <b>niece</b> was misidentified.\n\n" in letter
    assert "[[" not in letter
    script = attr(card.find_element(By.CSS_SELECTOR, "p.script"), "textContent")
    assert script.startswith("Hello, my name is Ada Lopez and I live in Oakland, CA 94612.")
    assert page.execute_script("return localStorage.length + sessionStorage.length") == 0
    assert page.execute_script("return document.cookie") == ""
    assert_no_request_left(page)


def assert_no_request_left(driver: WebDriver) -> None:
    urls = []
    for entry in logs(driver, "performance"):
        event: dict[str, Any] = json.loads(entry["message"])["message"]
        if event["method"] == "Network.requestWillBeSent":
            urls.append(event["params"]["request"]["url"])
    assert all(url.startswith(("file:", "data:")) for url in urls), urls
    severe = [e for e in logs(driver, "browser") if e["level"] == "SEVERE"]
    assert not severe, severe  # a CSP refusal (a wrong hash) would be logged here


def tab_until(
    driver: WebDriver, matches: Callable[[WebElement], bool], *, tries: int
) -> WebElement:
    """The element focus reaches with Tab (within ``tries`` presses) that ``matches``."""
    for _ in range(tries):
        if matches(driver.switch_to.active_element):
            break
        driver.switch_to.active_element.send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert matches(focused), attr(focused, "outerHTML")[:200]
    return focused


def test_keyboard_only(page: WebDriver) -> None:
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the skip link comes first
    assert attr(page.switch_to.active_element, "class") == "skip"
    tab_until(page, lambda node: attr(node, "id") == "place", tries=20)
    page.switch_to.active_element.send_keys("94612", Keys.ENTER)
    assert "Your officials for CA-12" in results(page).text
    page.switch_to.active_element.send_keys(Keys.TAB)  # the Find button
    page.switch_to.active_element.send_keys(Keys.TAB)  # then into the results
    focused = page.switch_to.active_element
    assert page.execute_script("return arguments[0].contains(arguments[1])", results(page), focused)
    assert attr(focused, "href").startswith("tel:")
    # on to the call script's summary, opened with Enter
    summary = tab_until(page, lambda node: node.text == "What to say when you call", tries=8)
    summary.send_keys(Keys.ENTER)
    assert cards(page)[0].find_element(By.CSS_SELECTOR, "p.script").is_displayed()


def test_the_language_switch_shows_the_campaign_and_letters_in_spanish(page: WebDriver) -> None:
    find(page, "94612")
    switch = page.find_element(By.CSS_SELECTOR, "button[data-language='es']")
    assert attr(switch, "lang") == "es"
    assert attr(switch, "aria-pressed") == "false"
    switch.send_keys(Keys.ENTER)  # a button: usable from the keyboard
    assert attr(page.find_element(By.TAG_NAME, "html"), "lang") == "es"
    assert attr(switch, "aria-pressed") == "true"
    titles = [h1.text for h1 in page.find_elements(By.TAG_NAME, "h1") if h1.is_displayed()]
    assert titles == ["Que la policía deje de usar el reconocimiento facial"]
    facts = page.find_element(By.ID, "facts-heading-es").find_element(By.XPATH, "..")
    assert facts.is_displayed()
    assert "El 10 de junio de 2020, Amazon anunció" in facts.text
    assert not page.find_element(By.ID, "facts-heading").is_displayed()
    assert page.find_element(By.ID, "find-heading").text == "Encuentre a sus representantes"
    assert "Sus representantes de CA-12" in results(page).text  # shown again, in Spanish
    card = cards(page)[0]
    summary(card, "Su carta").click()
    letter = attr(card.find_element(By.TAG_NAME, "textarea"), "value")
    assert "\nEstimado senador Padilla:\n" in letter  # the data gives his gender
    assert "(su nombre)" in letter
    summary(card, "Qué decir cuando llame").click()
    assert "Hola" in card.find_element(By.CSS_SELECTOR, "p.script").text
    if axe_available():
        serious = [v["id"] for v in run_axe(page) if v["impact"] in {"serious", "critical"}]
        assert serious == []
    page.find_element(By.CSS_SELECTOR, "button[data-language='en']").click()
    assert attr(page.find_element(By.TAG_NAME, "html"), "lang") == "en"
    assert "The Honorable" in attr(cards(page)[0].find_element(By.TAG_NAME, "textarea"), "value")
    assert page.find_element(By.ID, "facts-heading").is_displayed()


def test_the_spanish_view_shows_spanish_share_texts(page: WebDriver) -> None:
    def shown_posts() -> list[str]:
        areas = page.find_elements(By.CSS_SELECTOR, "#share textarea")
        return [attr(area, "value") for area in areas if area.is_displayed()]

    english = shown_posts()
    assert english and all("Take action:" in post for post in english)
    page.find_element(By.CSS_SELECTOR, "button[data-language='es']").click()
    spanish = shown_posts()
    assert len(spanish) == len(english)
    assert all("Cómo actuar:" in post and "Take action" not in post for post in spanish)
    assert any(post.startswith("La semana del 8 de junio de 2020, IBM anunció") for post in spanish)
    assert any("#ReconocimientoFacial" in post for post in spanish)
    page.find_element(By.CSS_SELECTOR, "button[data-language='en']").click()
    assert shown_posts() == english


def to_spanish(driver: WebDriver) -> None:
    switch = driver.find_element(By.CSS_SELECTOR, "button[data-language='es']")
    switch.send_keys(Keys.ENTER)
    assert attr(driver.find_element(By.TAG_NAME, "html"), "lang") == "es"


def test_in_spanish_a_split_zip_is_worded_in_spanish_with_spanish_percents(
    page: WebDriver,
) -> None:
    to_spanish(page)
    find(page, "10011")
    split = results(page).find_element(By.CSS_SELECTOR, "p.split")
    text = attr(split, "textContent")
    assert text.startswith(
        "Su código postal 10011 se reparte entre NY-12 (64\u00a0%) y NY-10 (36\u00a0%). "
    )
    assert not cards(page)
    census = results(page).find_element(By.CSS_SELECTOR, "a[href^='https://geocoding']")
    assert census.text == "Busque su distrito con su dirección (Oficina del Censo de EE. UU.)"
    results(page).find_elements(By.CSS_SELECTOR, ".choices button")[0].click()
    assert "Sus representantes de NY-12 (Distrito 12 de Nueva York en el Congreso)" in (
        results(page).text
    )
    headings = [card.find_element(By.TAG_NAME, "h4").text for card in cards(page)]
    assert sum("(Senado de EE. UU., Nueva York" in h for h in headings) == 2
    assert any("(Cámara de Representantes de EE. UU., NY-12" in h for h in headings)
    call = cards(page)[0].find_element(By.CSS_SELECTOR, ".phones > a")
    assert call.text.startswith("Llamar a Oficina en Washington:")
    assert page.title == "Que la policía deje de usar el reconocimiento facial"
    assert (
        "Hecho con civickit el 26 de noviembre de 2026."
        in page.find_element(By.TAG_NAME, "main").text
    )


def test_in_spanish_every_static_word_is_spanish(page: WebDriver) -> None:
    to_spanish(page)
    find(page, "CA-14")
    assert "CA-14: escaño vacante (Cámara de Representantes de EE. UU.)" in results(page).text
    assert "Este escaño está vacante" in results(page).text
    find(page, "00000")
    assert page.find_element(By.ID, "place-error").text.startswith(
        "El código postal 00000 no está en la tabla"
    )
    find(page, "ZZ-99")
    assert page.find_element(By.ID, "place-error").text.startswith("«ZZ-99» no es un código postal")
    main = page.find_element(By.ID, "find").text
    for english in ("Find", "ZIP code", "For example", "Every district", "works without"):
        assert english not in main, english
    link = page.find_element(By.CSS_SELECTOR, "a[data-href]")
    assert (attr(link, "href").rsplit("/", 1)[-1], attr(link, "hreflang")) == (
        "districts.es.html",
        "es",
    )
    skip = page.find_element(By.CSS_SELECTOR, "a.skip")
    assert attr(skip, "textContent") == "Ir a la búsqueda de sus representantes"


def test_in_spanish_keyboard_only(page: WebDriver) -> None:
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the skip link, then the language switch
    page.switch_to.active_element.send_keys(Keys.TAB)
    page.switch_to.active_element.send_keys(Keys.TAB)  # English, then Español
    assert attr(page.switch_to.active_element, "data-language") == "es"
    page.switch_to.active_element.send_keys(Keys.ENTER)
    assert attr(page.find_element(By.TAG_NAME, "html"), "lang") == "es"
    tab_until(page, lambda node: attr(node, "id") == "place", tries=20)
    page.switch_to.active_element.send_keys("94612", Keys.ENTER)
    assert "Sus representantes de CA-12" in results(page).text
    # on to the call script's summary, opened with Enter
    summary = tab_until(page, lambda node: node.text == "Qué decir cuando llame", tries=12)
    summary.send_keys(Keys.ENTER)
    script = cards(page)[0].find_element(By.CSS_SELECTOR, "p.script")
    assert script.is_displayed() and script.text.startswith("Hola")


def axe_source() -> str:
    package = resources.files("axe_selenium_python")
    return (package / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def axe_available() -> bool:
    try:
        axe_source()
    except (ModuleNotFoundError, FileNotFoundError):
        return False
    return True


def run_axe(driver: WebDriver) -> list[dict[str, Any]]:
    driver.set_script_timeout(120)  # a district list is long, and the machine may be busy
    driver.execute_script(axe_source())
    found: dict[str, Any] = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document).then(function (r) { done(r); }, function (e) { done(String(e)); });"
    )
    assert isinstance(found, dict), found
    violations: list[dict[str, Any]] = found["violations"]
    return violations


def test_no_serious_accessibility_violations(page: WebDriver) -> None:
    pytest.importorskip("axe_selenium_python", reason="needs axe-selenium-python (axe.min.js)")
    find(page, "10011")
    results(page).find_elements(By.CSS_SELECTOR, ".choices button")[0].click()
    for summary in results(page).find_elements(By.TAG_NAME, "summary"):
        summary.click()
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in run_axe(page)
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_the_district_list_has_no_serious_accessibility_violations(
    browser: WebDriver, site: Path
) -> None:
    pytest.importorskip("axe_selenium_python", reason="needs axe-selenium-python (axe.min.js)")
    browser.get((site / "districts.html").as_uri())
    serious = [v["id"] for v in run_axe(browser) if v["impact"] in {"serious", "critical"}]
    assert serious == []


def test_the_spanish_district_list_has_no_serious_accessibility_violations(
    browser: WebDriver, site: Path
) -> None:
    pytest.importorskip("axe_selenium_python", reason="needs axe-selenium-python (axe.min.js)")
    browser.get((site / "districts.es.html").as_uri())
    assert attr(browser.find_element(By.TAG_NAME, "html"), "lang") == "es"
    assert (
        browser.find_element(By.TAG_NAME, "h1").text == "Todos los distritos y sus representantes"
    )
    serious = [v["id"] for v in run_axe(browser) if v["impact"] in {"serious", "critical"}]
    assert serious == []
    english = browser.find_element(By.CSS_SELECTOR, "a[hreflang='en']")
    english.click()
    assert browser.current_url.endswith("/districts.html")


def test_phone_width_screenshot(page: WebDriver, tmp_path: Path) -> None:
    metrics = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        page.get(page.current_url)
        find(page, "94612")
        assert page.execute_script("return window.innerWidth") == 390
        width = page.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390  # no sideways scrolling
        page.execute_script("document.getElementById('find').scrollIntoView()")
        shot = tmp_path / "phone.png"
        assert page.save_screenshot(str(shot))
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, DOCS_IMAGES / "action-page-phone.png")


def test_without_javascript_the_page_reads_and_links_the_district_list(site: Path) -> None:
    driver = start_chromium(javascript=False)
    try:
        driver.get((site / "index.html").as_uri())
        assert "IBM said it would cease all sales" in driver.find_element(By.TAG_NAME, "main").text
        assert not driver.find_element(By.ID, "find-form").is_displayed()
        assert "This search needs JavaScript" in driver.find_element(By.ID, "find").text
        spanish = driver.find_element(
            By.CSS_SELECTOR, "noscript a[hreflang='es'], a[hreflang='es']"
        )
        assert spanish.text == "Todos los distritos y sus representantes, en español"
        assert attr(spanish, "href").endswith("/districts.es.html")
        driver.find_element(By.LINK_TEXT, "every district and its officials").click()
        assert "CA-12: California's congressional district 12" in driver.page_source.replace(
            "&#39;", "'"
        )
        assert driver.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
    finally:
        driver.quit()
