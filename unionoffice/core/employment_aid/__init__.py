"""就业援助: job fairs, placements, trainings (see ``records``)."""
