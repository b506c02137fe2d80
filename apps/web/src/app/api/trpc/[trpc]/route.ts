import { handleTrpcRequest } from '@padmeet/api/server';
import { viewerFromHeaders } from '../../../../server/auth';
import { apiDeps } from '../../../../server/deps';

const handler = async (request: Request) => handleTrpcRequest(request, apiDeps(), await viewerFromHeaders(request.headers));

export { handler as GET, handler as POST };
