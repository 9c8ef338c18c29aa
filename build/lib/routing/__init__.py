"""Who answers what: departments, categories, areas, and (next) routing rules, the working calendar and SLAs."""
