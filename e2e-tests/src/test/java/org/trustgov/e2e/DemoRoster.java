package org.trustgov.e2e;

import java.util.List;
import java.util.Map;

/**
 * The roster HR pushes in the end-to-end runs: Acute Medicine has two active staff and a leaver; the nurse (and the
 * leaver) report to the ward manager chris.manager (10000005).
 */
final class DemoRoster {

    static final List<Map<String, Object>> ROWS = List.of(
            Map.of(
                    "staffNumber",
                    "10000001",
                    "name",
                    "Alex Carter",
                    "workEmail",
                    "alex.carter@trust.example.nhs.uk",
                    "department",
                    "Acute Medicine",
                    "staffGroup",
                    "Nursing and Midwifery Registered",
                    "registrationBody",
                    "NMC",
                    "registrationNumber",
                    "12A3456E",
                    "lineManagerStaffNumber",
                    "10000005"),
            Map.of(
                    "staffNumber",
                    "10000005",
                    "name",
                    "Chris Okafor",
                    "workEmail",
                    "chris.okafor@trust.example.nhs.uk",
                    "department",
                    "Acute Medicine",
                    "staffGroup",
                    "Nursing and Midwifery Registered"),
            Map.of(
                    "staffNumber",
                    "10000009",
                    "name",
                    "Sam Leaver",
                    "department",
                    "Acute Medicine",
                    "staffGroup",
                    "Nursing and Midwifery Registered",
                    "active",
                    false,
                    "leavingDate",
                    "2026-10-31",
                    "lineManagerStaffNumber",
                    "10000005"),
            Map.of(
                    "staffNumber",
                    "10000002",
                    "name",
                    "Priya Shah",
                    "department",
                    "Emergency Department",
                    "staffGroup",
                    "Medical and Dental"));

    private DemoRoster() {}
}
