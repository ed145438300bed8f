"""The window: the only package that imports PySide6.

Views lay widgets out, models adapt services' results to Qt's model/view, dialogs ask. Nothing
here speaks SQL; every action goes through ``shopcards.services``.
"""
