"""Citation groups become one footnote marker each, with the page's sources listed at its end
(scripts/extensions/citation_notes.py); what is not a plain citation group is left as written."""

from __future__ import annotations

import markdown

from scripts.extensions.citation_notes import rewrite

REF = "../references/index.md"


def test_a_japanese_group_becomes_one_marker_and_a_note_at_the_end():
    lines = [f"有効になります（[出典: A1]({REF}#a1)、[出典: A2]({REF}#a2)）。次に進みます（[出典: A1]({REF}#a1)）。"]
    out = rewrite(lines, "ja")
    assert out[0] == "有効になります[^a1-a2]。次に進みます[^a1]。"
    assert out[-2:] == [f"[^a1-a2]: 出典：[A1]({REF}#a1)、[A2]({REF}#a2)", f"[^a1]: 出典：[A1]({REF}#a1)"]


def test_an_english_group_loses_its_space_and_a_repeated_source_is_listed_once():
    lines = [f"It is active at once ([source: A1]({REF}#a1)).", f"Then sign in ([source: A1]({REF}#a1))."]
    out = rewrite(lines, "en")
    assert out[:2] == ["It is active at once[^a1].", "Then sign in[^a1]."]
    assert out[2:] == ["", f"[^a1]: Source: [A1]({REF}#a1)"]


def test_code_other_text_and_plain_links_are_left_alone():
    lines = [
        "```markdown",
        f"（[出典: N1]({REF}#n1)）",
        "```",
        f"例：`（[出典: N1]({REF}#n1)）`",
        f"報告されています（[出典: A30]({REF}#a30)、2019年時点）。",
        f"| 項目 | [N1]({REF}#n1) |",
    ]
    assert rewrite(lines, "ja") == lines


def test_the_markers_render_as_footnotes_that_link_to_the_references_page():
    html = markdown.markdown(
        "\n".join(rewrite([f"Active at once ([source: A1]({REF}#a1))."], "en")), extensions=["footnotes"]
    )
    assert 'href="#fn:a1"' in html and f'href="{REF}#a1"' in html
    assert "source: A1" not in html
