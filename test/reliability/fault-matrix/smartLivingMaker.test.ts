import { describeFaultMatrix } from './matrix';
import { smartLivingMaker } from './targets';

describeFaultMatrix(smartLivingMaker);
