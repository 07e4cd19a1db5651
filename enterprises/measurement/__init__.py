"""Impact measurement of an enterprise (issue 10 part 6): the method it uses, its latest impact
report and its main indicators as self-declared figures. Measuring impact is not certification:
nothing here is verified by the municipality and no figure is called "measured impact".

The enterprise impact statement (impactverklaring) the issue mentions does not exist yet; when it
is built it should read ``ImpactMeasurement`` and its ``indicators`` through the access module
and repeat each figure's source and the words "eigen opgave"."""
