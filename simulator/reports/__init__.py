"""Reports for trainers and trainees, and the xAPI export.

``data`` turns stored attempts into figures (pure functions); ``svg`` draws them; ``html``,
``markdown``, ``csv_export`` and ``json_export`` write them; ``xapi`` exports every counted
attempt as xAPI statements in cmi5 order; ``commands`` adds ``regie report`` and
``regie export`` to the command line.
"""
