# Strings shared by every feature. Each feature keeps its own <feature>.ftl beside this file.
common-error = Sorry, something went wrong. What you sent is kept; please try again in a few minutes.
common-busy = The service is busy right now. What you typed is kept and will be handled as soon as the service is back; there is no need to send it again.
