"""Helpdesk ticket exports (TOPdesk, ServiceNow, Zendesk, Jira SM, canonical, YAML-mapped) into raw.tickets."""
from flows.tickets.generator import write_sample_exports
from flows.tickets.load import FileLoadResult, TicketLoadResult, load_ticket_exports

__all__ = ["FileLoadResult", "TicketLoadResult", "load_ticket_exports", "write_sample_exports"]
