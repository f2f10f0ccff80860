"""The app: themes, the keymap, config notices and quitting; the main screen does the rest."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal

from rehearse.core.config import DEFAULT_THEME, Config
from rehearse.core.display import tilde
from rehearse.core.notebook import Notebook
from rehearse.core.notes_model import NotesModel
from rehearse.core.recovery import BackgroundJournal, RecoveryJournal
from rehearse.core.restore import set_aside_unsaved
from rehearse.core.session import EditSession

if TYPE_CHECKING:
    from rehearse.core.clock import Clock
    from rehearse.core.listening import VoiceSetup
    from rehearse.core.search import SearchIndex
from rehearse.ui.commands import QuestionProvider
from rehearse.ui.keymap import unknown_keymap_ids
from rehearse.ui.main_screen import MainScreen
from rehearse.ui.notes_feed import NotesFeed
from rehearse.ui.quit_screen import QuitChoice, QuitScreen
from rehearse.ui.termination import Termination
from rehearse.ui.themes import guide_variables, load_themes

UNREADABLE_LISTED = 5  # names in the one toast about unreadable notes
THEME_PROBLEMS_LISTED = 3  # problems in the one toast about broken themes


def _search_index(notebook: Notebook, synonyms: Sequence[Sequence[str]]) -> SearchIndex:
    from rehearse.core.search import SearchIndex  # built after the first frame, on a worker

    return SearchIndex.from_notebook(notebook, synonyms=synonyms)


class RehearseApp(App[None]):
    CSS_PATH = "rehearse.tcss"
    TITLE = "rehearse"
    COMMANDS = App.COMMANDS | {QuestionProvider}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="app.quit")]

    def __init__(
        self,
        notebook: Notebook,
        *,
        config: Config | None = None,
        theme_name: str | None = None,
        session: EditSession | None = None,
        journal: RecoveryJournal | None = None,
        watch: bool = True,
        clock: Clock = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        voice: VoiceSetup | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock  # monotonic: the rehearsal clocks; tests inject one
        self.wall_clock = wall_clock  # dates: what is due, when a run was logged
        self.config = config or Config()
        self._voice = voice
        self._termination = Termination(self._terminated)
        synonyms = self.config.synonyms
        # The journal writes on a thread of its own: a big note's base bytes never hold a key.
        journal = journal or BackgroundJournal(RecoveryJournal())
        self.model = NotesModel(
            session or EditSession(notebook, journal=journal),
            index_factory=lambda notes: _search_index(notes, synonyms),
        )
        self.notes = NotesFeed(self.model, Signal(self, "notes-changed"))
        self._watch = watch
        self.cursor_blink = True  # the editor's; tests turn it off for steady frames
        self._requested_theme = theme_name or self.config.theme
        self.sub_title = "  ".join(tilde(root.path) for root in notebook.roots)

    @property
    def voice(self) -> VoiceSetup:
        """How the rehearsal screens listen; worked out at the first rehearsal."""
        if self._voice is None:
            from rehearse.core.listening import voice_setup

            self._voice = voice_setup(self.config)
        return self._voice

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        return {**variables, **guide_variables(variables)}

    def get_default_screen(self) -> MainScreen:
        return MainScreen(watch=self._watch)

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def session(self) -> EditSession:
        return self.model.session

    def _report_unknown_keymap_ids(self) -> None:
        for binding_id in unknown_keymap_ids(self.config.keymap):
            self.notify(
                f"keymap: no key has the id '{binding_id}' (ids look like prompter.pause; "
                "README lists them)",
                title="Config",
                severity="warning",
                timeout=10,
            )

    def on_mount(self) -> None:
        self._termination.install()
        self._apply_themes()
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
            self.call_after_refresh(self._report_unknown_keymap_ids)  # after the first frame
        for problem in self.config.problems:
            self.notify(str(problem), title="Config", severity="warning", timeout=10)
        self._notebook_notices()

    def _handle_exception(self, error: Exception) -> None:
        """A defect ends the app with its traceback: what was typed goes to the journal
        first, to be offered at the next start."""
        with contextlib.suppress(Exception):
            self.main_screen.editor.sync()
            self.session.record_all()
            self.session.journal.flush()
        super()._handle_exception(error)

    def _terminated(self, signum: int) -> None:
        """A `kill` (SIGTERM) or a closed terminal (SIGHUP): the text typed since the last
        journal tick goes to the journal before rehearse ends."""
        with contextlib.suppress(Exception):  # nothing may stop the journal write below
            self.main_screen.editor.sync()
        self.session.record_all()
        self.exit(return_code=128 + signum)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Every way out waits for the journal's thread: its last writes and forgets (a
        quit without saving removes its entries) would die with the process."""
        with contextlib.suppress(Exception):  # a journal that failed has said so already
            self.session.journal.flush()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self._termination.restore()

    def _notebook_notices(self) -> None:
        notebook = self.model.notebook
        if not notebook.notes:
            self.notify(
                "No Markdown notes (*.md) in "
                + ", ".join(tilde(root.path) for root in notebook.roots),
                severity="warning",
                timeout=10,
            )
        unreadable = notebook.unreadable
        if unreadable:  # one toast for all of them: a folder of 40 would bury the screen
            shown = [f"{notebook.relative(n.path)}: {n.reason}" for n in unreadable]
            more = len(shown) - UNREADABLE_LISTED
            listing = "\n".join(shown[:UNREADABLE_LISTED]) + (
                f"\n… and {more} more" if more > 0 else ""
            )
            self.notify(
                f"{listing}\nListed in the tree (⚠), never written.",
                title=f"{len(unreadable)} unreadable note{'s' if len(unreadable) > 1 else ''}",
                severity="warning",
                timeout=10,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages quote file names, titles and OS errors: never read as markup by default."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _apply_themes(self) -> None:
        themes, problems = load_themes()
        for theme in themes:
            self.register_theme(theme)
        if problems:  # one toast for all of them: a folder of broken themes would bury the screen
            more = len(problems) - THEME_PROBLEMS_LISTED
            listing = "\n".join(problems[:THEME_PROBLEMS_LISTED])
            self.notify(
                listing + (f"\n… and {more} more" if more > 0 else ""),
                title=f"{len(problems)} theme problem{'s' if len(problems) > 1 else ''}",
                severity="warning",
                timeout=10,
            )
        wanted = self._requested_theme
        if wanted not in self.available_themes:
            self.notify(f"No theme named '{wanted}'; using {DEFAULT_THEME}.", severity="warning")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return  # the rehearsal screens open from the main screen only, as their keys do
        yield SystemCommand(
            "Teleprompter",
            "Read the selected answer against the clock (F5)",
            screen.action_teleprompter,
        )
        yield SystemCommand(
            "Mock interview",
            "Questions with the answer hidden, timed, then graded (F6)",
            screen.action_mock_interview,
        )
        yield SystemCommand(
            "Progress",
            "Rehearsals per day, due, weakest and never-rehearsed questions (F7)",
            screen.action_progress,
        )
        editor = screen.editor
        if editor.buffer is not None and editor.buffer.conflict is not None:
            yield SystemCommand(
                "Conflict: keep mine",
                "My text where both changed; their other changes stay",
                lambda: editor.resolve_conflict("mine"),
            )
            yield SystemCommand(
                "Conflict: take theirs",
                "Use the version on disk; mine goes to the recovery folder",
                lambda: editor.resolve_conflict("theirs"),
            )
            yield SystemCommand(
                "Conflict: compare",
                "Show both versions side by side",
                lambda: editor.resolve_conflict("compare"),
            )

    # -- quitting ---------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        main = self.main_screen
        main.editor.sync()
        for path in list(self.session.in_flight):
            self.session.settle(path)  # an autosave on its way: finished, so it counts
        unsaved = self.session.unsafe_buffers
        if not unsaved:
            self.exit()
            return
        names = [(main.editor.describe(b), b.conflict is not None) for b in unsaved]
        self.push_screen(QuitScreen(names), self._quit_chosen)

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "discard":
            set_aside_unsaved(self.session)  # copies kept; the journal is left clean
            if self.session.unsafe_buffers:  # a copy could not be made: do not drop the text
                self.notify(
                    "Could not keep a copy of the unsaved text (the data folder cannot be "
                    "written), so rehearse is still open: save it, or copy it out.",
                    severity="error",
                    timeout=20,
                )
                return
            self.exit()
        elif choice == "save":
            editor = self.main_screen.editor
            for buffer, outcome in self.session.save_all():
                editor.report(buffer, outcome)
            if not self.session.unsafe_buffers:
                self.exit()
