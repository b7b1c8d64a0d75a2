"""Every differentiable operation, one Function each, grouped by kind."""
