"""The geoparser as an explicit pipeline of passes (order: geo.parse.pipeline.PASSES).

state.py (what passes hand on) -> candidates.py -> people.py -> recognise.py -> support.py -> resolve.py
-> output.py; weights.py holds every number, score.py the candidate scoring, lists.py the list helper.
"""
