import { bookAsClient, bookOnline } from '../../booking/book';
import { sendCode, verifyCode } from '../../booking/email-proof';
import { cancelBooking, rescheduleBooking, viewBooking } from '../../booking/manage';
import { bookingPage, listSlots } from '../../booking/page';
import { readBookingSettings, saveBookingSettings } from '../../booking/settings-service';
import { requireUser } from '../actor';
import { createApp } from '../app';
import { bookingDeps as deps } from '../deps/booking';
import { bookingRoutes as routes } from '../routes/booking';

/** Lambda app of the booking context: providers' booking settings, the public page, manage links. */
export const bookingApp = createApp()
  .serve(routes.getBookingSettings, async (c) =>
    c.json(
      await readBookingSettings(requireUser(c.get('actor')), c.req.valid('param').providerId, deps),
      200,
    ),
  )
  .serve(routes.putBookingSettings, async (c) =>
    c.json(
      await saveBookingSettings(
        requireUser(c.get('actor')),
        c.req.valid('param').providerId,
        c.req.valid('json'),
        deps,
      ),
      200,
    ),
  )
  .serve(routes.bookingPage, async (c) =>
    c.json(await bookingPage(c.req.valid('param').providerId, deps), 200),
  )
  .serve(routes.freeSlots, async (c) =>
    c.json(await listSlots(c.req.valid('param').providerId, c.req.valid('query'), deps), 200),
  )
  .serve(routes.sendBookingCode, async (c) =>
    c.json(await sendCode(c.req.valid('param').providerId, c.req.valid('json'), deps), 202),
  )
  .serve(routes.checkBookingCode, async (c) =>
    c.json(await verifyCode(c.req.valid('param').providerId, c.req.valid('json'), deps), 200),
  )
  .serve(routes.bookOnline, async (c) =>
    c.json(
      await bookOnline(c.req.valid('param').providerId, c.req.valid('json'), deps, c.get('limit')),
      201,
    ),
  )
  .serve(routes.bookAsClient, async (c) =>
    c.json(
      await bookAsClient(
        c.req.valid('param').providerId,
        c.req.valid('json'),
        requireUser(c.get('actor')).clientId,
        deps,
      ),
      201,
    ),
  )
  .serve(routes.viewBooking, async (c) =>
    c.json(await viewBooking(c.req.valid('param').token, deps), 200),
  )
  .serve(routes.cancelBooking, async (c) =>
    c.json(await cancelBooking(c.req.valid('param').token, deps), 200),
  )
  .serve(routes.rescheduleBooking, async (c) =>
    c.json(await rescheduleBooking(c.req.valid('param').token, c.req.valid('json'), deps), 200),
  );
