import type { PhoneLine } from '../phone/ports';
import { voice } from '../platform/aws/voice';
import { env } from '../platform/env';

/**
 * The clinic's SIP media application through Chime SDK voice. A new call goes out from the
 * clinic's number (the one people dial in to). An update only wakes the call
 * (its Lambda reads the truth from the visit); 202 does not mean the caller moved. A call that
 * has ended meanwhile answers NotFound: the caller is gone, which the visit hears by itself.
 */
export const chimeVoiceLine: PhoneLine = {
  async update(transactionId, args) {
    const applicationId = env.sipMediaApplicationId();
    if (!applicationId) return 'gone';
    const { client, sdk } = await voice();
    try {
      await client.send(
        new sdk.UpdateSipMediaApplicationCallCommand({
          SipMediaApplicationId: applicationId,
          TransactionId: transactionId,
          Arguments: args,
        }),
      );
      return 'sent';
    } catch (error) {
      if (
        error instanceof Error &&
        ['NotFoundException', 'BadRequestException'].includes(error.name)
      )
        return 'gone';
      throw error;
    }
  },
  async call(to, args) {
    const applicationId = env.sipMediaApplicationId();
    const from = env.dialInNumber();
    if (!applicationId || !from) return undefined;
    const { client, sdk } = await voice();
    const { SipMediaApplicationCall } = await client.send(
      new sdk.CreateSipMediaApplicationCallCommand({
        SipMediaApplicationId: applicationId,
        FromPhoneNumber: from,
        ToPhoneNumber: to,
        ArgumentsMap: args,
      }),
    );
    const transactionId = SipMediaApplicationCall?.TransactionId;
    if (!transactionId) throw new Error('The call was placed without a transaction id');
    return { transactionId };
  },
};
