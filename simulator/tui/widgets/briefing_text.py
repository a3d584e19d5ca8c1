"""The briefing's text in one widget: paragraphs, a centred title, headings, a list with
hanging bullets and a quotation with a bar, drawn as blocks one under the other.

A Markdown widget would build a widget per paragraph, heading and list item, each with its
own styles and layout; that cost most of the time between choosing a scenario and seeing
it (issue 9). Colours come from the component classes, so the theme decides them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import RenderResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

BULLET = "• "
BAR = "▌"


@dataclass(frozen=True)
class Block:
    """One paragraph of the briefing, wrapped to the width on its own."""

    text: Content
    gap: int = 1  # blank lines above it
    bullet: str = ""  # hangs before the first line; the lines after it are indented as far
    centred: bool = False
    quoted: bool = False  # the content warning: a bar before each line, on its own background


class BlocksVisual(Visual):
    """Blocks one under the other: a paragraph, a centred title, a list item with its bullet
    hanging, a quotation with a bar before every line. Colours come from the component
    classes named in the blocks' content (``.briefing--title``), so the theme decides them."""

    QUOTE_INDENT = len(BAR) + 1  # the bar and one space before the text, one space after it

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = tuple(blocks)

    def text_width(self, block: Block, width: int) -> int:
        """The columns the block's text is wrapped to in a panel of ``width`` (at least one)."""
        indent = self.QUOTE_INDENT + 1 if block.quoted else cell_len(block.bullet)
        return max(1, width - indent)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(
            block.gap + block.text.get_height(rules, self.text_width(block, width))
            for block in self.blocks
        )

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        options = replace(options, selection=None)  # selecting text is off: see BriefingText
        blank = Strip.blank(width, style.rich_style)
        strips: list[Strip] = []
        for block in self.blocks:
            strips += [blank] * block.gap
            strips += self.render_block(block, width, style, options)
        return strips if height is None else strips[:height]

    def render_block(
        self, block: Block, width: int, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if block.quoted:
            return self.render_quote(block, width, style, options)
        lines = block.text.render_strips(self.text_width(block, width), None, style, options)
        if block.centred:
            return list(Strip.align(lines, style.rich_style, width, len(lines), "center", "top"))
        if not block.bullet:
            return lines
        first = Strip([Segment(block.bullet, style.rich_style)])
        rest = Strip.blank(first.cell_length, style.rich_style)
        return [Strip.join([first if i == 0 else rest, line]) for i, line in enumerate(lines)]

    def render_quote(
        self, block: Block, width: int, style: Style, options: RenderOptions
    ) -> list[Strip]:
        inside = style + options.get_style(".briefing--warning")
        bar = Strip(
            [
                Segment(BAR, (inside + options.get_style(".briefing--bar")).rich_style),
                Segment(" ", inside.rich_style),
            ]
        )
        text_width = self.text_width(block, width)
        lines = block.text.render_strips(text_width, None, inside, options)
        return [
            Strip.join([bar, line.extend_cell_length(width - bar.cell_length, inside.rich_style)])
            for line in lines
        ]


class BriefingText(Widget):
    """The briefing's text in one widget. Selecting text with the mouse is off: the text is
    drawn in blocks that a selection cannot follow."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "briefing--title",
        "briefing--heading",
        "briefing--warning",
        "briefing--bar",
    }
    DEFAULT_CSS = """
    BriefingText {
        height: auto;
        padding: 0 2 1 2;
        & > .briefing--title {
            color: $markdown-h1-color;
            background: $markdown-h1-background;
            text-style: $markdown-h1-text-style;
        }
        & > .briefing--heading {
            color: $markdown-h2-color;
            background: $markdown-h2-background;
            text-style: $markdown-h2-text-style;
        }
        & > .briefing--warning { background: $boost; }
        & > .briefing--bar { color: $text-primary 50%; }
    }
    """

    def __init__(self, blocks: Sequence[Block]) -> None:
        super().__init__()
        self.visual = BlocksVisual(blocks)

    def render(self) -> RenderResult:
        return self.visual
