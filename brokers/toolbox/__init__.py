"""The toolbox online: content, answers with history, progress, linked questions and print."""
