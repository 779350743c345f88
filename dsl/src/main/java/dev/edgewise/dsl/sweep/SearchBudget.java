package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.Range;

@Doc("What a search may spend on training; a trial that would go over is not started (counted as not run: budget).")
public record SearchBudget(
        @Doc("Total training epochs over every trial (a cached trial counts too: it is what the search would have spent)."
                + " Absent: no limit.")
        @Default("~") @Range(min = 1)
        Integer epochs,
        @Doc("Wall time in seconds, checked before each trial starts. Absent: no limit.") @Default("~") @Range(min = 1)
        Integer seconds) {}
