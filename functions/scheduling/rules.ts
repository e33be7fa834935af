/** The longest appointment the clinic can book: a full working day. */
export const maxAppointmentMs = 12 * 60 * 60 * 1000;
