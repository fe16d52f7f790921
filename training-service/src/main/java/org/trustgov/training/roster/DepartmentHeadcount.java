package org.trustgov.training.roster;

/** How many active (not leaver) staff a department has, for coverage and compliance percentages. */
public record DepartmentHeadcount(String department, long active) {}
