"""What an engine's worker runs for one job: a head (``head.run``) or a grouped-query group
(``groups.run_group``), by ``job.kind``. Its own module so that engines depend on the job
kinds and the job kinds never on the engines."""

from __future__ import annotations

from qkatlas.layout.groups import run_group
from qkatlas.layout.head import HeadJob, HeadResult, run


def run_job(job: HeadJob) -> HeadResult:
    return run_group(job) if job.kind == "group" else run(job)
