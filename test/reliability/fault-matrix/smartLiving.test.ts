import { describeFaultMatrix } from './matrix';
import { smartLivingLegacy } from './targets';

describeFaultMatrix(smartLivingLegacy);
