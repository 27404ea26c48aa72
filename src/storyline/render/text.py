"""Terminal output, laid out with rich."""

from __future__ import annotations

import re

from storyline.model import Brief
from storyline.render.common import fact_sections, sources_note, story_line

# Terminal escape sequences and control characters from the articles (or their file names) would
# drive the reader's terminal: colours, cursor moves, a window title, a hyperlink. ECMA-48: CSI
# (ESC [ or U+009B, parameters, one final byte), OSC/DCS/PM/APC strings up to BEL or ST, other
# two-byte ESC sequences; then any C0 (but tab and line feed) or C1 control left.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_]|[\x90\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def printable(text: str) -> str:
    """``text`` without terminal escape sequences or control characters (tab and line feed are kept)."""
    return _ESCAPE.sub("", text)


def to_text(brief: Brief, *, width: int = 100, color: bool = False) -> str:
    """The brief as plain (or colored) terminal text; nothing from the input reaches the terminal
    as an escape sequence (:func:`printable`)."""
    from rich.console import Console  # here: `import storyline` stays light for callers that never print text

    console = Console(width=width, record=True, force_terminal=color, color_system="auto" if color else None)
    with console.capture() as capture:
        console.print(printable(brief.title or "Untitled story"), style="bold", highlight=False, markup=False)
        console.print(
            f"{printable(story_line(brief))}; ranker: {brief.ranker}", style="dim", highlight=False, markup=False
        )
        console.print()
        if not brief.summary:
            console.print("No sentence could be selected for a summary.")
        for item in brief.summary:
            console.print(f"• {printable(item.text)}", highlight=False, markup=False)
            console.print(f"  {printable(sources_note(item, brief))}", style="dim", highlight=False, markup=False)
        for heading, lines in fact_sections(brief):
            console.print()
            console.print(heading, style="bold", highlight=False, markup=False)
            for line, note in lines:
                console.print(f"• {printable(line)}", highlight=False, markup=False)
                if note:
                    console.print(f"  {printable(note)}", style="dim", highlight=False, markup=False)
        if brief.warnings:
            console.print()
            console.print("[yellow]Warnings[/yellow]")
            for warning in brief.warnings:
                console.print(f"  ! {printable(warning)}", highlight=False, markup=False)
    return capture.get()
