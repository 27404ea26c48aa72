"""Terminal output, laid out with rich."""

from __future__ import annotations

from storyline.model import Brief
from storyline.render.common import fact_sections, sources_note, story_line


def to_text(brief: Brief, *, width: int = 100, color: bool = False) -> str:
    """The brief as plain (or colored) terminal text."""
    from rich.console import Console  # here: `import storyline` stays light for callers that never print text

    console = Console(width=width, record=True, force_terminal=color, color_system="auto" if color else None)
    with console.capture() as capture:
        console.print(f"[bold]{brief.title or 'Untitled story'}[/bold]", highlight=False)
        console.print(f"[dim]{story_line(brief)}; ranker: {brief.ranker}[/dim]", highlight=False)
        console.print()
        if not brief.summary:
            console.print("No sentence could be selected for a summary.")
        for item in brief.summary:
            console.print(f"• {item.text}", highlight=False, markup=False)
            console.print(f"  [dim]{sources_note(item, brief)}[/dim]", highlight=False)
        for heading, lines in fact_sections(brief):
            console.print()
            console.print(f"[bold]{heading}[/bold]", highlight=False)
            for line, note in lines:
                console.print(f"• {line}", highlight=False, markup=False)
                if note:
                    console.print(f"  {note}", style="dim", highlight=False, markup=False)
        if brief.warnings:
            console.print()
            console.print("[yellow]Warnings[/yellow]")
            for warning in brief.warnings:
                console.print(f"  ! {warning}", highlight=False, markup=False)
    return capture.get()
