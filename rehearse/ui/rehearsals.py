"""Opening the rehearsal screens from the main screen: F5, F6 and F7.

What to rehearse and in which order is decided in core (practice); the log is
read in worker threads, so a long (or hostile) log never holds up a key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rehearse.core.config import data_dir, question_rules, speaking_rates
from rehearse.core.refs import QuestionId, SectionRef
from rehearse.ui.background import run_in_thread

if TYPE_CHECKING:  # the log, the planners and the figures load at the first use, not at start
    from rehearse.core.history import Rehearsal, RehearsalLog
    from rehearse.core.identity import Question
    from rehearse.core.mock_plan import MockPlan, MockRound
    from rehearse.core.practice import Prompt
    from rehearse.core.stats import Progress
    from rehearse.ui.app import RehearseApp
    from rehearse.ui.main_screen import MainScreen


class Rehearsals:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._log_problem_shown = False

    @property
    def _app(self) -> RehearseApp:
        return self.screen.rehearse

    @property
    def log(self) -> RehearsalLog:
        from rehearse.core.history import RehearsalLog

        return RehearsalLog.for_notes(self.screen.model.notebook.root)

    def questions(self) -> list[Question]:
        from rehearse.core.identity import answered_questions

        return answered_questions(self.screen.model.notebook, question_rules(self._app.config))

    # -- the log, read off the main thread --------------------------------------------------------

    def _read_history(self) -> list[Rehearsal]:
        """In a worker thread."""
        try:
            return self.log.read()
        except OSError as error:
            self._app.call_from_thread(self._log_unreadable, error)
            return []

    def _log_unreadable(self, error: OSError) -> None:
        if not self._log_problem_shown:  # once is enough: it is read at every rehearsal
            self._log_problem_shown = True
            self._app.notify(
                f"Could not read the rehearsal log {self.log.path}: {error.strerror or error}",
                severity="warning",
            )

    def _in_background(self, job: Callable[[], None], group: str) -> None:
        run_in_thread(self.screen, job, group=group, description=group, exclusive=True)

    def refresh_marks(self) -> None:
        """The tree's last-rehearsed and due marks, worked out off the main thread (a long log
        takes a moment to replay)."""
        from rehearse.core.practice import rehearsal_marks

        app = self._app

        def job() -> None:
            marks = rehearsal_marks(self.questions(), self._read_history(), app.wall_clock())
            app.call_from_thread(self.screen.tree.set_rehearsals, marks.last_rehearsed, marks.due)

        self._in_background(job, "history")

    # -- F5 ---------------------------------------------------------------------------------------

    def teleprompter(self) -> None:
        """Read the open (or highlighted) question against the clock."""
        from rehearse.core.practice import prompt_for, teleprompter_set

        app, notebook = self._app, self.screen.model.notebook
        rules = question_rules(app.config)
        chosen = teleprompter_set(notebook, self.screen.current_ref(), rules)
        questions = chosen.questions
        if not questions:
            app.notify("There are no questions to rehearse.", severity="warning")
            return

        def prompt_at(position: int) -> Prompt:
            note, section = questions[position]
            return prompt_for(note, section, notebook.relative(note.path), rules)

        def back(position: int | None) -> None:
            if position is not None and position != chosen.start:  # → or ← moved it on
                note, section = questions[position]
                self.screen.jump_to(SectionRef(note.path, section.index))
            self.refresh_marks()

        from rehearse.ui.teleprompter import TeleprompterScreen  # not needed for the first frame

        self.screen.editor.sync()
        config = app.config
        screen = TeleprompterScreen(
            prompt_at,
            len(questions),
            chosen.start,
            target=float(config.target_seconds),
            presets=config.target_presets,
            rates=speaking_rates(config),
            fit=config.pacing == "fit",
            log=self.log,
            voice=app.voice,
            text_of=self._spoken_text,
            notes=app.notes,
            rules=rules,
            clock=app.clock,
        )
        app.push_screen(screen, back)

    def _spoken_text(self, question: QuestionId) -> str | None:
        from rehearse.core.practice import spoken_text

        return spoken_text(self.screen.model.notebook, question)

    # -- F6 ---------------------------------------------------------------------------------------

    def mock_interview(self) -> None:
        """Ask the questions of a category, a file or all notes with the answer hidden."""
        from rehearse.core.mock_plan import load_choice, mock_scopes

        questions = self.questions()
        scopes = mock_scopes(self.screen.model.notebook, questions, self.screen.current_ref())
        if not scopes[-1].questions:
            self._app.notify("There are no answered questions to ask.", severity="warning")
            return
        from rehearse.ui.mock_interview import MockSetupScreen  # not needed for the first frame

        self.screen.editor.sync()
        self._app.push_screen(MockSetupScreen(scopes, load_choice(data_dir())), self._plan)

    def _plan(self, plan: MockPlan | None) -> None:
        if plan is None:
            return
        from rehearse.core.mock_plan import plan_interview

        app = self._app
        questions = self.questions()

        def job() -> None:
            planned = plan_interview(plan, questions, self._read_history(), app.wall_clock())
            app.call_from_thread(self._start, planned, plan)

        self._in_background(job, "history-read")

    def _start(self, planned: MockRound, plan: MockPlan) -> None:
        from rehearse.core.mock_plan import plan_problem, save_choice

        app, config = self._app, self._app.config
        if not planned.questions:
            app.notify(f"{plan_problem(plan)}.", severity="warning")
            return
        try:  # the choice that started an interview is the one the next set-up opens with
            save_choice(data_dir(), plan.choice)
        except OSError as error:
            app.notify(f"Could not remember this choice: {error}", severity="warning")
        from rehearse.ui.mock_interview import MockInterviewScreen

        screen = MockInterviewScreen(
            planned.questions,
            links=planned.links,
            target=float(config.target_seconds),
            thinking=float(config.thinking_seconds),
            log=self.log,
            aliases=planned.aliases,
            voice=config.speak_questions,
            listen=app.voice,
            rates=speaking_rates(config),
            notes=app.notes,
            rules=question_rules(config),
            clock=app.clock,
        )
        app.push_screen(screen, lambda _: self.refresh_marks())

    # -- F7 ---------------------------------------------------------------------------------------

    def progress(self) -> None:
        from rehearse.core.stats import progress

        app = self._app
        questions = self.questions()

        def job() -> None:
            now = app.wall_clock()
            figures = progress(questions, self._read_history(), now)
            app.call_from_thread(self._show_progress, figures, now)

        self._in_background(job, "history-read")

    def _show_progress(self, figures: Progress, now: float) -> None:
        from rehearse.ui.progress_screen import ProgressScreen  # not needed for the first frame

        voice = self._app.voice
        screen = ProgressScreen(figures, now, recordings=voice.recordings, player=voice.player)
        self._app.push_screen(screen, self._open_question)

    def _open_question(self, question: QuestionId | None) -> None:
        from rehearse.core.practice import find_question

        found = find_question(self.screen.model.notebook, question) if question else None
        if found is not None:
            self.screen.jump_to(found)
            self.screen.action_focus_editor()  # Enter there opens it to edit, as in the tree
