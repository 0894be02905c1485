/** The whole exhaustive space on 128-page DirtyMemoryBlocks with the 'all ones' bitmap pattern (see `../full-space-slice.ts`). */
import { testFullSpaceSlice } from '../full-space-slice.ts';

testFullSpaceSlice(128, 'all ones');
