# Strings shared by every feature. Each feature keeps its own <feature>.ftl beside this file.
common-error = Sorry, something went wrong. What you sent is kept; please try again in a few minutes.
