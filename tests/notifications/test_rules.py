import pytest

from netra.notifications.rules import is_internal_path, one_line


class InternalPathTests:
    @pytest.mark.parametrize(
        "url", ["/", "/kursus-saya/", "/regulasi/pembaruan/42/?tab=dampak#modul-2"]
    )
    def test_a_path_on_this_site_is_internal(self, url):
        assert is_internal_path(url)

    @pytest.mark.parametrize(
        "url",
        [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "/\t/evil.example/",
            "/ /evil.example",
            "javascript:alert(1)",
            "kursus-saya/",
            "/kursus\n/",
        ],
    )
    def test_anything_that_could_leave_the_site_is_not(self, url):
        assert not is_internal_path(url)


class OneLineTests:
    def test_line_breaks_and_runs_of_spaces_become_one_space(self):
        assert one_line("Pembaruan\r\n  PP  94/2021", 100) == "Pembaruan PP 94/2021"

    def test_long_text_is_cut_with_an_ellipsis_within_the_limit(self):
        text = one_line("kata " * 100, 20)
        assert len(text) <= 20 and text.endswith("…")
