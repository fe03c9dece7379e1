"""The HTML report of an atlas's heads (``qkatlas report``): taxonomy, metric heatmaps, head map,
top heads of each kind with their attention. ``html`` assembles it, ``figures`` draws the
matplotlib images, ``narrative`` writes the summary paragraph."""
